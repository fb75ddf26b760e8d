package io.settle.app.catalog;

import io.settle.api.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The catalog of what providers sell. Plain rows: no money moves here, bookings record what they bought. */
@Repository
public class OfferingRepository {

    public record Offering(String id, String providerId, String title, String description, int durationMinutes,
                           Money price, boolean active, Instant createdAt) {
    }

    private static final RowMapper<Offering> MAPPER = (rs, i) -> new Offering(rs.getString("id"),
            rs.getString("provider_id"), rs.getString("title"), rs.getString("description"),
            rs.getInt("duration_minutes"), Money.of(rs.getLong("price_amount"), rs.getString("currency").trim()),
            rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    public OfferingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Offering o) {
        jdbc.update("""
                INSERT INTO offerings (id, provider_id, title, description, duration_minutes, price_amount, currency, active, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", o.id(), o.providerId(), o.title(), o.description(),
                o.durationMinutes(), o.price().amount(), o.price().currency(), o.active(), Timestamp.from(o.createdAt()));
    }

    public Optional<Offering> find(String id) {
        return jdbc.query("SELECT * FROM offerings WHERE id = ?", MAPPER, id).stream().findFirst();
    }

    public List<Offering> active(String providerId) {
        if (providerId == null) {
            return jdbc.query("SELECT * FROM offerings WHERE active ORDER BY created_at DESC LIMIT 200", MAPPER);
        }
        return jdbc.query("SELECT * FROM offerings WHERE active AND provider_id = ? ORDER BY created_at DESC", MAPPER,
                providerId);
    }

    public void deactivate(String id) {
        jdbc.update("UPDATE offerings SET active = false WHERE id = ?", id);
    }
}
