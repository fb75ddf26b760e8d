package io.settle.app.outgoing;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code outgoing_webhook_endpoints}, {@code _deliveries} and {@code _attempts}. One delivery per
 * (endpoint, event); senders claim due deliveries with {@code FOR UPDATE SKIP LOCKED} and only the holder of
 * a claim records the outcome.
 */
@Repository
public class OutgoingWebhookStore {

    public record Endpoint(String id, String url, List<String> events, String secret, boolean enabled,
                           Instant createdAt, Instant deletedAt) {
    }

    public record Delivery(String id, String endpointId, String eventId, String eventType, String status, int attempts,
                           Instant firstAttemptAt, Instant nextAttemptAt, Integer lastStatusCode, String lastError,
                           Instant createdAt, Instant deliveredAt) {
    }

    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String error, long durationMs) {
    }

    public record Claimed(String id, String endpointId, String eventId, String eventType, String payload, int attempts,
                          Instant firstAttemptAt, UUID token) {
    }

    private static final String DELIVERY_COLUMNS = """
            id, endpoint_id, event_id, event_type, status, attempts, first_attempt_at, next_attempt_at,
            last_status_code, last_error, created_at, delivered_at""";

    private final JdbcTemplate jdbc;

    public OutgoingWebhookStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- endpoints ------------------------------------------------------------------------------------

    public void createEndpoint(Endpoint endpoint) {
        jdbc.update("""
                INSERT INTO outgoing_webhook_endpoints (id, url, events, secret, enabled, created_at)
                VALUES (?, ?, string_to_array(?, ','), ?, true, ?)""",
                endpoint.id(), endpoint.url(), String.join(",", endpoint.events()), endpoint.secret(),
                ts(endpoint.createdAt()));
    }

    public List<Endpoint> endpoints() {
        return jdbc.query("SELECT * FROM outgoing_webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id",
                OutgoingWebhookStore::endpoint);
    }

    public Optional<Endpoint> endpoint(String id) {
        return jdbc.query("SELECT * FROM outgoing_webhook_endpoints WHERE id = ?", OutgoingWebhookStore::endpoint, id)
                .stream().findFirst();
    }

    /** Enabled endpoints subscribed to {@code type}. */
    public List<Endpoint> subscribers(OutgoingEventType type) {
        return jdbc.query("""
                SELECT * FROM outgoing_webhook_endpoints
                WHERE enabled AND deleted_at IS NULL AND ? = ANY(events) ORDER BY id""",
                OutgoingWebhookStore::endpoint, type.wireName());
    }

    /** Soft delete: the delivery log stays; deliveries not yet made are canceled. @return false if unknown */
    public boolean deleteEndpoint(String id, Instant now) {
        int deleted = jdbc.update("""
                UPDATE outgoing_webhook_endpoints SET enabled = false, deleted_at = ?
                WHERE id = ? AND deleted_at IS NULL""", ts(now), id);
        if (deleted == 1) {
            jdbc.update("""
                    UPDATE outgoing_webhook_deliveries SET status = 'CANCELED', last_error = 'endpoint deleted',
                        claimed_at = NULL, claim_token = NULL
                    WHERE endpoint_id = ? AND status = 'PENDING'""", id);
        }
        return deleted == 1;
    }

    // ---- deliveries -----------------------------------------------------------------------------------

    /** @return true if new, false if this endpoint already has a delivery for this event */
    public boolean insertDelivery(String endpointId, String eventId, OutgoingEventType type, String payload, Instant now) {
        return jdbc.update("""
                INSERT INTO outgoing_webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts,
                    next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                ON CONFLICT (endpoint_id, event_id) DO NOTHING""",
                "whd_" + UUID.randomUUID().toString().replace("-", ""), endpointId, eventId, type.wireName(), payload,
                ts(now), ts(now)) == 1;
    }

    public List<Claimed> claimDue(Instant now, Instant staleBefore, int limit) {
        UUID token = UUID.randomUUID();
        return jdbc.query("""
                UPDATE outgoing_webhook_deliveries SET status = 'SENDING', claimed_at = ?, claim_token = ?,
                    attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?)
                WHERE id IN (
                    SELECT id FROM outgoing_webhook_deliveries
                    WHERE (status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND claimed_at < ?)
                    ORDER BY next_attempt_at, id LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, endpoint_id, event_id, event_type, payload, attempts, first_attempt_at""",
                (rs, i) -> new Claimed(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_id"),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts"),
                        instant(rs, "first_attempt_at"), token),
                ts(now), token, ts(now), ts(now), ts(staleBefore), limit);
    }

    public void logAttempt(Claimed claim, Instant at, Integer statusCode, String error, long durationMs) {
        jdbc.update("""
                INSERT INTO outgoing_webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
                VALUES (?, ?, ?, ?, ?, ?)""", claim.id(), claim.attempts(), ts(at), statusCode, truncate(error), durationMs);
    }

    public boolean delivered(Claimed claim, int statusCode, Instant now) {
        return jdbc.update("""
                UPDATE outgoing_webhook_deliveries SET status = 'DELIVERED', delivered_at = ?, last_status_code = ?,
                    last_error = NULL, claimed_at = NULL, claim_token = NULL
                WHERE id = ? AND status = 'SENDING' AND claim_token = ?""",
                ts(now), statusCode, claim.id(), claim.token()) == 1;
    }

    /** status PENDING (retry at {@code next}), FAILED or CANCELED. */
    public boolean release(Claimed claim, String status, Instant next, Integer statusCode, String error) {
        return jdbc.update("""
                UPDATE outgoing_webhook_deliveries SET status = ?, next_attempt_at = ?, last_status_code = ?,
                    last_error = ?, claimed_at = NULL, claim_token = NULL
                WHERE id = ? AND status = 'SENDING' AND claim_token = ?""",
                status, ts(next), statusCode, truncate(error), claim.id(), claim.token()) == 1;
    }

    /**
     * Sends a delivery again now, whatever became of it, with a fresh 3-day retry window; the event id and
     * payload stay the same, so the receiver can recognise a repeat. @return false if unknown or being sent now
     */
    public boolean redeliver(String id, Instant now) {
        return jdbc.update("""
                UPDATE outgoing_webhook_deliveries d SET status = 'PENDING', next_attempt_at = ?, first_attempt_at = NULL
                FROM outgoing_webhook_endpoints e
                WHERE d.id = ? AND d.status <> 'SENDING' AND e.id = d.endpoint_id AND e.deleted_at IS NULL""",
                ts(now), id) == 1;
    }

    public Optional<Delivery> delivery(String id) {
        return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM outgoing_webhook_deliveries WHERE id = ?",
                OutgoingWebhookStore::delivery, id).stream().findFirst();
    }

    public Optional<String> payload(String deliveryId) {
        return jdbc.queryForList("SELECT payload FROM outgoing_webhook_deliveries WHERE id = ?", String.class, deliveryId)
                .stream().findFirst();
    }

    public List<Delivery> deliveries(String endpointId, String status, int limit) {
        return jdbc.query("SELECT " + DELIVERY_COLUMNS + """
                 FROM outgoing_webhook_deliveries
                WHERE endpoint_id = ? AND (CAST(? AS varchar) IS NULL OR status = ?)
                ORDER BY created_at DESC, id DESC LIMIT ?""",
                OutgoingWebhookStore::delivery, endpointId, status, status, limit);
    }

    public List<Attempt> attempts(String deliveryId) {
        return jdbc.query("""
                SELECT attempt, attempted_at, status_code, error, duration_ms FROM outgoing_webhook_attempts
                WHERE delivery_id = ? ORDER BY id""",
                (rs, i) -> new Attempt(rs.getInt("attempt"), instant(rs, "attempted_at"),
                        (Integer) rs.getObject("status_code"), rs.getString("error"), rs.getLong("duration_ms")),
                deliveryId);
    }

    private static Endpoint endpoint(ResultSet rs, int i) throws SQLException {
        Array events = rs.getArray("events");
        return new Endpoint(rs.getString("id"), rs.getString("url"), Arrays.asList((String[]) events.getArray()),
                rs.getString("secret"), rs.getBoolean("enabled"), instant(rs, "created_at"), instant(rs, "deleted_at"));
    }

    private static Delivery delivery(ResultSet rs, int i) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs, "first_attempt_at"), instant(rs, "next_attempt_at"), (Integer) rs.getObject("last_status_code"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
