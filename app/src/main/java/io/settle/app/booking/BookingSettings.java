package io.settle.app.booking;

import io.settle.command.booking.CommissionPolicy;
import io.settle.saga.refund.RefundRetryPolicy;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Escrow, commission and refund settings (SETTLE_ESCROW_HOLD_PERIOD, SETTLE_COMMISSION_BPS, SETTLE_REFUND_*). */
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
    CommissionPolicy commissionPolicy(@Value("${settle.commission.default-bps:1000}") int basisPoints) {
        return CommissionPolicy.flat(basisPoints);
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
