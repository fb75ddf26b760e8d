package io.settle.query.alert;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class AlertQueries {

    public record Alert(long id, String type, String severity, String message, String reference, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;

    public AlertQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Alert> latest(int limit) {
        return jdbc.query("SELECT * FROM admin_alerts ORDER BY id DESC LIMIT ?", (rs, i) -> new Alert(rs.getLong("id"),
                rs.getString("type"), rs.getString("severity"), rs.getString("message"), rs.getString("reference"),
                rs.getTimestamp("created_at").toInstant()), limit);
    }
}
