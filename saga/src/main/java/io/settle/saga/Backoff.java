package io.settle.saga;

import java.time.Duration;

/** The one retry rule of the sagas: attempt n (1-based) waits {@code baseDelay × 2^(n-1)} before the next. */
public final class Backoff {

    private Backoff() {
    }

    public static Duration after(Duration baseDelay, int attempt) {
        return baseDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
    }

    public static void requireAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
