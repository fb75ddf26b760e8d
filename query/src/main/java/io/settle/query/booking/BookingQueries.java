package io.settle.query.booking;

import io.settle.api.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class BookingQueries {

    public enum Role {
        CUSTOMER("customer_id"), PROVIDER("provider_id");

        final String column;

        Role(String column) {
            this.column = column;
        }
    }

    private final JdbcTemplate jdbc;

    public BookingQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BookingView> find(String id) {
        return jdbc.query("SELECT * FROM bookings WHERE id = ?", BookingQueries::map, id).stream().findFirst();
    }

    public Optional<String> bookingIdForPaymentIntent(String paymentIntentId) {
        return jdbc.queryForList("SELECT id FROM bookings WHERE payment_intent_id = ?", String.class, paymentIntentId)
                .stream().findFirst();
    }

    /** Newest first; {@code before} is the created_at/id keyset cursor of the previous page's last row. */
    public List<BookingView> list(Role role, String userId, String status, int limit) {
        List<Object> args = new ArrayList<>(List.of(userId));
        String sql = "SELECT * FROM bookings WHERE " + role.column + " = ?";
        if (status != null) {
            sql += " AND status = ?";
            args.add(status);
        }
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
        args.add(limit);
        return jdbc.query(sql, BookingQueries::map, args.toArray());
    }

    /** Every party's bookings in one status (e.g. DISPUTED for the operator console), most recently changed first. */
    public List<BookingView> withStatus(String status, int limit) {
        return jdbc.query("SELECT * FROM bookings WHERE status = ? ORDER BY updated_at DESC, id DESC LIMIT ?",
                BookingQueries::map, status, limit);
    }

    private static BookingView map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency").trim();
        return new BookingView(rs.getString("id"), rs.getString("status"), rs.getString("customer_id"),
                rs.getString("provider_id"), rs.getString("offering_id"), rs.getString("offering_title"),
                Money.of(rs.getLong("amount"), currency), Money.of(rs.getLong("platform_fee"), currency),
                Money.of(rs.getLong("provider_amount"), currency), rs.getInt("commission_bps"),
                rs.getString("payment_source"), instant(rs.getTimestamp("scheduled_at")),
                instant(rs.getTimestamp("session_ends_at")), instant(rs.getTimestamp("release_at")),
                instant(rs.getTimestamp("paid_at")), instant(rs.getTimestamp("released_at")),
                Money.of(rs.getLong("refunded_amount"), currency),
                new BookingView.Payment(rs.getString("payment_intent_id"), rs.getString("checkout_session_id"),
                        rs.getString("payment_status"), rs.getString("failure_code"), rs.getString("failure_reason")),
                rs.getString("dispute_reason"), rs.getString("notes"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), rs.getString("stripe_dispute_id") == null ? null
                        : new BookingView.StripeDispute(rs.getString("stripe_dispute_id"),
                                rs.getString("stripe_dispute_status"), Money.of(rs.getLong("disputed_amount"), currency)));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
