package io.settle.app.payout;

import io.settle.api.Money;
import io.settle.saga.payout.PayoutRetryPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Payout and Connect settings: SETTLE_PAYOUT_MINIMUM (major units, in every currency), SETTLE_PAYOUT_SCHEDULE,
 * SETTLE_PAYOUT_MAX_ATTEMPTS, SETTLE_PAYOUT_RETRY_BASE_DELAY, SETTLE_CONNECT_RETURN_URL / _REFRESH_URL.
 */
@Configuration(proxyBeanMethods = false)
public class PayoutSettings {

    private final BigDecimal minimum;
    private final String refreshUrl;
    private final String returnUrl;

    public PayoutSettings(@Value("${settle.payouts.minimum:10.00}") BigDecimal minimum,
                          @Value("${settle.payouts.connect-refresh-url}") String refreshUrl,
                          @Value("${settle.payouts.connect-return-url}") String returnUrl) {
        if (minimum.signum() < 0) {
            throw new IllegalStateException("SETTLE_PAYOUT_MINIMUM must not be negative");
        }
        this.minimum = minimum;
        this.refreshUrl = refreshUrl;
        this.returnUrl = returnUrl;
    }

    @Bean
    PayoutRetryPolicy payoutRetryPolicy(@Value("${settle.payouts.max-attempts:3}") int maxAttempts,
                                        @Value("${settle.payouts.retry-base-delay:PT1M}") Duration baseDelay) {
        return new PayoutRetryPolicy(maxAttempts, baseDelay);
    }

    @Bean
    WeeklySchedule payoutSchedule(@Value("${settle.payouts.schedule:MON 09:00 UTC}") String schedule) {
        return WeeklySchedule.parse(schedule);
    }

    /** The minimum payout in {@code currency}'s minor units, e.g. 10.00 → 1000 usd, 1000 jpy. */
    public Money minimum(String currency) {
        int digits = Math.max(0, Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits());
        return Money.of(minimum.movePointRight(digits).setScale(0, RoundingMode.UP).longValueExact(),
                currency);
    }

    public String connectRefreshUrl() {
        return refreshUrl;
    }

    public String connectReturnUrl() {
        return returnUrl;
    }
}
