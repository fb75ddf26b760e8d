package io.settle.app.notify;

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
 * The {@code notification_outbox} table. Rows are inserted once per dedup key; senders claim due rows with
 * {@code FOR UPDATE SKIP LOCKED} (two nodes never take the same row), and only the holder of a claim may
 * record its outcome. A claim left by a crashed sender is taken over after the claim timeout.
 */
@Repository
public class NotificationOutbox {

    public record NewMail(String dedupKey, String eventId, NotificationType type, String recipient, String email,
                          String locale, String timeZone, String subject, String textBody, String htmlBody) {
    }

    public record Claimed(long id, String recipient, String email, String subject, String textBody, String htmlBody,
                          int attempts, UUID token) {
    }

    public record Row(long id, String type, String recipient, String email, String locale, String subject,
                      String status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                      Instant sentAt) {
    }

    public record Detail(Row row, String textBody, String htmlBody) {
    }

    private static final String ROW_COLUMNS = """
            id, type, recipient, email, locale, subject, status, attempts, next_attempt_at, last_error, created_at,
            sent_at""";

    private final JdbcTemplate jdbc;

    public NotificationOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true if inserted, false if a row with this dedup key exists (the handler ran before) */
    public boolean insert(NewMail mail, Instant now) {
        return jdbc.update("""
                INSERT INTO notification_outbox (dedup_key, event_id, type, recipient, email, locale, time_zone, subject,
                    text_body, html_body, status, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                ON CONFLICT (dedup_key) DO NOTHING""",
                mail.dedupKey(), mail.eventId(), mail.type().name(), mail.recipient(), mail.email(), mail.locale(),
                mail.timeZone(), mail.subject(), mail.textBody(), mail.htmlBody(), ts(now), ts(now)) == 1;
    }

    /** Claims up to {@code limit} due rows (and rows whose claim went stale); counts the attempt. */
    public List<Claimed> claimDue(Instant now, Instant staleBefore, int limit) {
        UUID token = UUID.randomUUID();
        return jdbc.query("""
                UPDATE notification_outbox SET status = 'SENDING', claimed_at = ?, claim_token = ?,
                    attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM notification_outbox
                    WHERE (status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND claimed_at < ?)
                    ORDER BY next_attempt_at, id LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, recipient, email, subject, text_body, html_body, attempts""",
                (rs, i) -> new Claimed(rs.getLong("id"), rs.getString("recipient"), rs.getString("email"),
                        rs.getString("subject"), rs.getString("text_body"), rs.getString("html_body"),
                        rs.getInt("attempts"), token),
                ts(now), token, ts(now), ts(staleBefore), limit);
    }

    public boolean markSent(Claimed claim, String email, Instant now) {
        return jdbc.update("""
                UPDATE notification_outbox SET status = 'SENT', email = ?, sent_at = ?, last_error = NULL,
                    claimed_at = NULL, claim_token = NULL
                WHERE id = ? AND status = 'SENDING' AND claim_token = ?""",
                email, ts(now), claim.id(), claim.token()) == 1;
    }

    public boolean retryAt(Claimed claim, Instant next, String error) {
        return release(claim, "PENDING", next, error);
    }

    public boolean fail(Claimed claim, String error, Instant now) {
        return release(claim, "FAILED", now, error);
    }

    public boolean skip(Claimed claim, String reason, Instant now) {
        return release(claim, "SKIPPED", now, reason);
    }

    private boolean release(Claimed claim, String status, Instant next, String error) {
        return jdbc.update("""
                UPDATE notification_outbox SET status = ?, next_attempt_at = ?, last_error = ?, claimed_at = NULL,
                    claim_token = NULL
                WHERE id = ? AND status = 'SENDING' AND claim_token = ?""",
                status, ts(next), truncate(error), claim.id(), claim.token()) == 1;
    }

    /** Puts a FAILED or SKIPPED row back to PENDING with a fresh attempt budget. */
    public boolean resend(long id, Instant now) {
        return jdbc.update("""
                UPDATE notification_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?, last_error = NULL
                WHERE id = ? AND status IN ('FAILED', 'SKIPPED')""", ts(now), id) == 1;
    }

    /** Newest first, optionally one status and/or one type; keyset by id below {@code beforeId}. */
    public List<Row> list(String status, String type, Long beforeId, int limit) {
        return jdbc.query("SELECT " + ROW_COLUMNS + """
                 FROM notification_outbox
                WHERE (CAST(? AS varchar) IS NULL OR status = ?) AND (CAST(? AS varchar) IS NULL OR type = ?)
                  AND (CAST(? AS bigint) IS NULL OR id < ?)
                ORDER BY id DESC LIMIT ?""",
                NotificationOutbox::row, status, status, type, type, beforeId, beforeId, limit);
    }

    public Optional<Detail> find(long id) {
        return jdbc.query("SELECT " + ROW_COLUMNS + ", text_body, html_body FROM notification_outbox WHERE id = ?",
                (rs, i) -> new Detail(row(rs, i), rs.getString("text_body"), rs.getString("html_body")), id)
                .stream().findFirst();
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("type"), rs.getString("recipient"), rs.getString("email"),
                rs.getString("locale"), rs.getString("subject"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "created_at"),
                instant(rs, "sent_at"));
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
