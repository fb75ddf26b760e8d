package io.settle.saga.refund;

import io.settle.saga.Backoff;
import java.time.Duration;

/**
 * How often and how fast a failed refund is retried: attempt n (1-based) that fails transiently waits
 * {@code baseDelay × 2^(n-1)} before the next; after {@code maxAttempts} the refund is marked failed
 * and an admin is alerted. Defaults: 3 attempts, 1 minute.
 */
public record RefundRetryPolicy(int maxAttempts, Duration baseDelay) {

    public RefundRetryPolicy {
        Backoff.requireAttempts(maxAttempts);
    }

    public Duration delayAfter(int attempt) {
        return Backoff.after(baseDelay, attempt);
    }
}
