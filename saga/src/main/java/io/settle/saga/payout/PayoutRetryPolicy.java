package io.settle.saga.payout;

import io.settle.saga.Backoff;
import java.time.Duration;

/**
 * Attempt n (1-based) of a payout that fails transiently waits {@code baseDelay × 2^(n-1)} before the next;
 * after {@code maxAttempts} the payout fails. Defaults: 3 attempts, 1 minute.
 */
public record PayoutRetryPolicy(int maxAttempts, Duration baseDelay) {

    public PayoutRetryPolicy {
        Backoff.requireAttempts(maxAttempts);
    }

    public Duration delayAfter(int attempt) {
        return Backoff.after(baseDelay, attempt);
    }
}
