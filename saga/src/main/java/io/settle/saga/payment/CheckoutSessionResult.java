package io.settle.saga.payment;

/** {@code paymentIntentId} may be null until the customer pays (Stripe creates it lazily). */
public record CheckoutSessionResult(String id, String clientSecret, String status, String paymentIntentId) {
}
