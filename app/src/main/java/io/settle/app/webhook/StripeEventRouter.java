package io.settle.app.webhook;

/**
 * Maps one verified, deduplicated Stripe event to commands. Implementations must be idempotent (the
 * same event may be routed again after a crash or an admin retry) and must not assume any order: throw
 * {@link RetryLaterException} when the event depends on something not yet known.
 */
public interface StripeEventRouter {

    /** @return true if the event type was handled, false if it is of a type Settle ignores */
    boolean route(StripeEventEnvelope event);
}
