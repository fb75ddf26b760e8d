package io.settle.saga.payout;

import java.time.Duration;

/**
 * Attempt n (1-based) of a payout that fails transiently waits {@code baseDelay × 2^(n-1)} before the next;
 * after {@code maxAttempts} the payout fails. Defaults: 3 attempts, 1 minute.
 */
public record PayoutRetryPolicy(int maxAttempts, Duration baseDelay) {

    public PayoutRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public Duration delayAfter(int attempt) {
        return baseDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
