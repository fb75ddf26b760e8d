package io.settle.app.gateway;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stripe configuration in one place. {@code gateway} is "simulator" (default without STRIPE_SECRET_KEY)
 * or "stripe". With the simulator and no STRIPE_WEBHOOK_SECRET, a random signing secret is made at start:
 * the simulator signs with it and the webhook endpoint verifies with it, exactly as with real Stripe.
 */
@Component
public class StripeSettings {

    public static final String SIMULATOR = "simulator";
    public static final String STRIPE = "stripe";

    private final String gateway;
    private final String secretKey;
    private final String publishableKey;
    private final String webhookSecret;
    private final String connectWebhookSecret;
    private final String apiBase;

    public StripeSettings(@Value("${settle.stripe.gateway}") String gateway,
                          @Value("${settle.stripe.secret-key:}") String secretKey,
                          @Value("${settle.stripe.publishable-key:}") String publishableKey,
                          @Value("${settle.stripe.webhook-secret:}") String webhookSecret,
                          @Value("${settle.stripe.connect-webhook-secret:}") String connectWebhookSecret,
                          @Value("${settle.stripe.api-base:https://api.stripe.com}") String apiBase) {
        if (!SIMULATOR.equals(gateway) && !STRIPE.equals(gateway)) {
            throw new IllegalStateException("SETTLE_PAYMENT_GATEWAY must be 'simulator' or 'stripe', not " + gateway);
        }
        boolean simulator = SIMULATOR.equals(gateway);
        if (!simulator && (secretKey.isBlank() || webhookSecret.isBlank())) {
            throw new IllegalStateException(
                    "The stripe gateway needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET");
        }
        this.gateway = gateway;
        this.secretKey = secretKey;
        this.publishableKey = publishableKey.isBlank() && simulator ? "pk_test_simulator" : publishableKey;
        this.webhookSecret = webhookSecret.isBlank() ? randomSecret() : webhookSecret;
        this.connectWebhookSecret = connectWebhookSecret.isBlank() ? this.webhookSecret : connectWebhookSecret;
        this.apiBase = apiBase;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "whsec_sim_" + HexFormat.of().formatHex(bytes);
    }

    public boolean simulator() {
        return SIMULATOR.equals(gateway);
    }

    public String gateway() {
        return gateway;
    }

    public String secretKey() {
        return secretKey;
    }

    public String publishableKey() {
        return publishableKey;
    }

    /** Signing secret of {@code POST /webhooks/stripe} (STRIPE_WEBHOOK_SECRET). */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** Signing secret of {@code POST /webhooks/stripe/connect} (STRIPE_CONNECT_WEBHOOK_SECRET). */
    public String connectWebhookSecret() {
        return connectWebhookSecret;
    }

    public String apiBase() {
        return apiBase;
    }

    /** "simulator", "test" or "live", from the key's prefix. */
    public String mode() {
        if (simulator()) {
            return SIMULATOR;
        }
        return secretKey.startsWith("sk_live_") || secretKey.startsWith("rk_live_") ? "live" : "test";
    }
}
