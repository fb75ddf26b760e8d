package io.settle.app.gateway.stripe;

import com.stripe.StripeClient;
import io.settle.app.gateway.StripeSettings;
import java.time.Duration;

/** Builds the one {@link StripeClient} the adapter uses, from {@link StripeSettings} and the HTTP timeouts. */
public final class StripeClientFactory {

    /**
     * stripe-java retries connection failures, timeouts, 409 and 5xx (and whatever Stripe marks with
     * {@code Stripe-Should-Retry: true}), re-sending the same Idempotency-Key, so a retry never creates a
     * second object.
     */
    static final int MAX_NETWORK_RETRIES = 2;

    private StripeClientFactory() {
    }

    public static StripeClient create(StripeSettings settings, Duration connectTimeout, Duration readTimeout) {
        return StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase())
                .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                .setReadTimeout(Math.toIntExact(readTimeout.toMillis()))
                .setMaxNetworkRetries(MAX_NETWORK_RETRIES)
                .build();
    }
}
