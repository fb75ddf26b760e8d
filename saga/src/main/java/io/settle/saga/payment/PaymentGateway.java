package io.settle.saga.payment;

import java.util.Optional;

/**
 * The port to Stripe. Two adapters implement it: the stripe-java one (real API, or any server at
 * STRIPE_API_BASE) and the built-in simulator. Every creating call carries an idempotency key derived
 * from our own ids, so a retry after an uncertain outcome never creates a second object at Stripe.
 *
 * <p>Failures are {@link PaymentGatewayException}s whose {@link PaymentGatewayException.Kind} tells the
 * caller whether a retry can help.
 */
public interface PaymentGateway {

    /** "simulator", "test" or "live": what Stripe.js needs to know. */
    String mode();

    /**
     * Creates (and, when a payment method is given, confirms server-side) a PaymentIntent. A card decline
     * on confirmation is not an exception: the result has status {@code requires_payment_method} and the
     * decline code, like Stripe's {@code last_payment_error}.
     */
    PaymentIntentResult createPaymentIntent(CreatePaymentIntent request);

    /** Confirms an existing PaymentIntent with a payment method (what Stripe.js does in the browser). */
    PaymentIntentResult confirmPaymentIntent(String paymentIntentId, String paymentMethodId, String idempotencyKey);

    Optional<PaymentIntentResult> retrievePaymentIntent(String paymentIntentId);

    /** A Checkout Session in embedded UI mode for one line item; the client mounts it with the client secret. */
    CheckoutSessionResult createCheckoutSession(CreateCheckoutSession request);

    /** Refunds part or all of a PaymentIntent's charge. Final only when {@code charge.refunded} arrives. */
    RefundResult refund(CreateRefund request);
}
