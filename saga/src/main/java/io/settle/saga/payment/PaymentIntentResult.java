package io.settle.saga.payment;

/**
 * A PaymentIntent as Stripe describes it. {@code status} is Stripe's: requires_payment_method,
 * requires_confirmation, requires_action, processing, requires_capture, canceled, succeeded.
 * {@code failureCode}/{@code failureMessage} come from {@code last_payment_error} (decline_code or code).
 */
public record PaymentIntentResult(String id, String clientSecret, String status, long amount, String currency,
                                  String latestChargeId, String failureCode, String failureMessage) {

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    public boolean declined() {
        return failureCode != null && "requires_payment_method".equals(status);
    }
}
