package io.settle.app.webhook;

import io.settle.app.gateway.StripeSettings;

/** The two Stripe webhook endpoints; each has its own signing secret. */
public enum WebhookEndpoint {
    /** {@code POST /webhooks/stripe}: events of the platform account. */
    PAYMENTS("payments"),
    /** {@code POST /webhooks/stripe/connect}: events of connected accounts (top-level {@code account}). */
    CONNECT("connect");

    private final String column;

    WebhookEndpoint(String column) {
        this.column = column;
    }

    /** The value stored in {@code stripe_webhook_inbox.endpoint}. */
    public String column() {
        return column;
    }

    public String signingSecret(StripeSettings settings) {
        return this == CONNECT ? settings.connectWebhookSecret() : settings.webhookSecret();
    }

    public static WebhookEndpoint fromColumn(String value) {
        for (WebhookEndpoint endpoint : values()) {
            if (endpoint.column.equals(value)) {
                return endpoint;
            }
        }
        throw new IllegalArgumentException("unknown webhook endpoint " + value);
    }
}
