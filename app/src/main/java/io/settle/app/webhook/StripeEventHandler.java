package io.settle.app.webhook;

import java.util.Set;

/**
 * Handles some Stripe event types (e.g. Connect's {@code account.updated}, Billing's {@code invoice.paid}).
 * Every bean of this type is consulted by the router for the types it names; like the router, a handler
 * must be idempotent and order-independent, and may throw {@link RetryLaterException}.
 */
public interface StripeEventHandler {

    Set<String> types();

    void handle(StripeEventEnvelope event);
}
