package io.settle.app.webhook;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long an event that came too early waits before its next attempt: initial × 2^(attempt−1), capped;
 * after {@code maxAttempts} attempts it is FAILED and waits for an admin.
 */
@Component
public class WebhookRetryPolicy {

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;

    public WebhookRetryPolicy(@Value("${settle.webhooks.retry.initial-backoff:PT1S}") Duration initialBackoff,
                              @Value("${settle.webhooks.retry.max-backoff:PT5M}") Duration maxBackoff,
                              @Value("${settle.webhooks.retry.max-attempts:10}") int maxAttempts) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0
                || maxAttempts < 1) {
            throw new IllegalStateException("settle.webhooks.retry needs 0 < initial-backoff <= max-backoff and "
                    + "max-attempts >= 1");
        }
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
    }

    /** @param attempt the attempt that just asked to retry later, counting from 1 */
    public Duration backoffAfter(int attempt) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < attempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
