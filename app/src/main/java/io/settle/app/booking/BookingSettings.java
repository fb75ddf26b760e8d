package io.settle.app.booking;

import io.settle.saga.refund.RefundRetryPolicy;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Escrow and refund settings (SETTLE_ESCROW_HOLD_PERIOD, SETTLE_REFUND_*). The commission policy is tier-driven:
 * see {@code io.settle.app.subscription.SubscriptionSettings}.
 */
@Configuration(proxyBeanMethods = false)
public class BookingSettings {

    @Bean
    HoldPeriod holdPeriod(@Value("${settle.escrow.hold-period:PT72H}") Duration holdPeriod) {
        if (holdPeriod.isNegative()) {
            throw new IllegalStateException("SETTLE_ESCROW_HOLD_PERIOD must not be negative");
        }
        return new HoldPeriod(holdPeriod);
    }

    @Bean
    RefundRetryPolicy refundRetryPolicy(@Value("${settle.refund.max-attempts:3}") int maxAttempts,
                                        @Value("${settle.refund.retry-base-delay:PT1M}") Duration baseDelay) {
        return new RefundRetryPolicy(maxAttempts, baseDelay);
    }

    /** How long paid funds stay in escrow after the session ends (or is completed). */
    public record HoldPeriod(Duration value) {
    }
}
