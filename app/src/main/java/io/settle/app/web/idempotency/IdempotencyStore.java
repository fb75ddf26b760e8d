package io.settle.app.web.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The first response to each (user, Idempotency-Key), kept in PostgreSQL for the retention period. */
@Repository
public class IdempotencyStore {

    public sealed interface Claim {
    }

    /** The key is new: execute the request, then {@link #complete} or {@link #release} it. */
    public record Claimed() implements Claim {
    }

    public record Replay(int status, String contentType, byte[] body) implements Claim {
    }

    public record Mismatch() implements Claim {
    }

    public record InProgress() implements Claim {
    }

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Clock clock;

    public IdempotencyStore(JdbcTemplate jdbc, @Value("${settle.idempotency.retention:PT24H}") Duration retention,
                            Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = clock;
    }

    public Claim claim(String userId, String key, String requestHash) {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ? AND created_at < ?",
                userId, key, Timestamp.from(now.minus(retention)));
        int inserted = jdbc.update("""
                INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, state, created_at)
                VALUES (?, ?, ?, 'IN_PROGRESS', ?) ON CONFLICT DO NOTHING""",
                userId, key, requestHash, Timestamp.from(now));
        if (inserted == 1) {
            return new Claimed();
        }
        List<Claim> existing = jdbc.query("""
                SELECT request_hash, state, response_status, response_type, response_body
                FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ?""",
                (rs, i) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        return new Mismatch();
                    }
                    if (!"COMPLETED".equals(rs.getString("state"))) {
                        return new InProgress();
                    }
                    return new Replay(rs.getInt("response_status"), rs.getString("response_type"),
                            rs.getBytes("response_body"));
                }, userId, key);
        // the row vanished between insert and select (expired and purged): treat as in progress, client retries
        return existing.isEmpty() ? new InProgress() : existing.get(0);
    }

    public void complete(String userId, String key, int status, String contentType, byte[] body) {
        jdbc.update("""
                UPDATE idempotency_keys SET state = 'COMPLETED', response_status = ?, response_type = ?, response_body = ?
                WHERE user_id = ? AND idempotency_key = ?""", status, contentType, body, userId, key);
    }

    /** Forget a claim whose request failed on our side, so a retry with the same key executes again. */
    public void release(String userId, String key) {
        jdbc.update("DELETE FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ?", userId, key);
    }

    public int purgeExpired() {
        return jdbc.update("DELETE FROM idempotency_keys WHERE created_at < ?",
                Timestamp.from(clock.instant().minus(retention)));
    }
}
