package io.settle.app.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code stripe_webhook_inbox} table. Every state change is one conditional UPDATE, so several app
 * instances can share the table: an event is claimed by one worker at a time, and only the holder of the
 * claim token records the outcome.
 */
@Repository
public class WebhookInbox {

    /** An event claimed for processing; {@code attempts} already counts this attempt. */
    public record Claim(String eventId, WebhookEndpoint endpoint, String payload, int attempts, UUID token) {
    }

    public record Entry(String eventId, String type, WebhookEndpoint endpoint, String account, InboxStatus status,
                        int attempts, String lastError, Instant receivedAt, Instant processedAt,
                        Instant nextAttemptAt) {
    }

    private static final String ENTRY_COLUMNS = """
            event_id, type, endpoint, account, status, attempts, last_error, received_at, processed_at,
            next_attempt_at""";

    private final JdbcTemplate jdbc;

    public WebhookInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true if the event is new, false if this event id was stored before (a duplicate) */
    public boolean store(WebhookEndpoint endpoint, StripeEventEnvelope event, String payload, Instant now) {
        return jdbc.update("""
                INSERT INTO stripe_webhook_inbox
                    (event_id, endpoint, type, account, livemode, payload, status, attempts, received_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, 'RECEIVED', 0, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""",
                event.id(), endpoint.column(), event.type(), event.account(), event.livemode(), payload,
                ts(now), ts(now)) == 1;
    }

    /**
     * Takes the event for processing if it is due, or if another worker's claim went stale (it crashed or
     * hung). Concurrent claims serialize on the row lock and re-check the condition, so only one wins.
     */
    public Optional<Claim> claim(String eventId, Instant now, Instant staleBefore) {
        UUID token = UUID.randomUUID();
        List<Claim> claimed = jdbc.query("""
                UPDATE stripe_webhook_inbox
                SET status = 'PROCESSING', attempts = attempts + 1, claimed_at = ?, claim_token = ?
                WHERE event_id = ?
                  AND ((status IN ('RECEIVED', 'RETRY') AND next_attempt_at <= ?)
                       OR (status = 'PROCESSING' AND claimed_at < ?))
                RETURNING event_id, endpoint, payload, attempts""",
                (rs, i) -> new Claim(rs.getString("event_id"), WebhookEndpoint.fromColumn(rs.getString("endpoint")),
                        rs.getString("payload"), rs.getInt("attempts"), token),
                ts(now), token, eventId, ts(now), ts(staleBefore));
        return claimed.stream().findFirst();
    }

    /** Ids of events due now, oldest first, including those whose claim went stale. */
    public List<String> due(Instant now, Instant staleBefore, int limit) {
        return jdbc.queryForList("""
                SELECT event_id FROM (
                    SELECT event_id, next_attempt_at AS due_at FROM stripe_webhook_inbox
                    WHERE status IN ('RECEIVED', 'RETRY') AND next_attempt_at <= ?
                    UNION ALL
                    SELECT event_id, claimed_at AS due_at FROM stripe_webhook_inbox
                    WHERE status = 'PROCESSING' AND claimed_at < ?
                ) due ORDER BY due_at LIMIT ?""",
                String.class, ts(now), ts(staleBefore), limit);
    }

    /** Records PROCESSED or IGNORED. @return false if the claim was lost meanwhile */
    public boolean finish(Claim claim, InboxStatus outcome, Instant now) {
        if (outcome != InboxStatus.PROCESSED && outcome != InboxStatus.IGNORED) {
            throw new IllegalArgumentException("not a final outcome: " + outcome);
        }
        return release(claim, outcome, null, now, null);
    }

    public boolean retryAt(Claim claim, Instant nextAttemptAt, String reason) {
        return release(claim, InboxStatus.RETRY, reason, null, nextAttemptAt);
    }

    public boolean fail(Claim claim, String reason, Instant now) {
        return release(claim, InboxStatus.FAILED, reason, now, null);
    }

    private boolean release(Claim claim, InboxStatus status, String error, Instant processedAt, Instant nextAttemptAt) {
        return jdbc.update("""
                UPDATE stripe_webhook_inbox
                SET status = ?, last_error = ?, processed_at = ?, next_attempt_at = ?, claimed_at = NULL,
                    claim_token = NULL
                WHERE event_id = ? AND status = 'PROCESSING' AND claim_token = ?""",
                status.name(), error, ts(processedAt), ts(nextAttemptAt), claim.eventId(), claim.token()) == 1;
    }

    /**
     * Puts a FAILED, RETRY or IGNORED event back to RECEIVED with a fresh attempt budget.
     * @return false if the event is unknown or in another state
     */
    public boolean requeue(String eventId, Instant now) {
        return jdbc.update("""
                UPDATE stripe_webhook_inbox
                SET status = 'RECEIVED', attempts = 0, next_attempt_at = ?, processed_at = NULL
                WHERE event_id = ? AND status IN ('FAILED', 'RETRY', 'IGNORED')""",
                ts(now), eventId) == 1;
    }

    public Optional<Entry> find(String eventId) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM stripe_webhook_inbox WHERE event_id = ?",
                WebhookInbox::entry, eventId).stream().findFirst();
    }

    /** Newest first; all statuses when {@code status} is null. */
    public List<Entry> list(InboxStatus status, int limit) {
        if (status == null) {
            return jdbc.query("SELECT " + ENTRY_COLUMNS
                    + " FROM stripe_webhook_inbox ORDER BY received_at DESC, event_id LIMIT ?", WebhookInbox::entry, limit);
        }
        return jdbc.query("SELECT " + ENTRY_COLUMNS
                        + " FROM stripe_webhook_inbox WHERE status = ? ORDER BY received_at DESC, event_id LIMIT ?",
                WebhookInbox::entry, status.name(), limit);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString("event_id"), rs.getString("type"),
                WebhookEndpoint.fromColumn(rs.getString("endpoint")), rs.getString("account"),
                InboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs, "received_at"), instant(rs, "processed_at"), instant(rs, "next_attempt_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
