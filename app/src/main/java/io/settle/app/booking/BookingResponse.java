package io.settle.app.booking;

import io.settle.api.Money;
import java.time.Instant;

/** The answer to a booking request: what was recorded, and what the client needs to pay. */
public record BookingResponse(String id, String status, Money amount, Money platformFee, Money providerAmount,
                              int commissionBps, String paymentSource, Instant scheduledAt, Instant releaseAt,
                              Payment payment) {

    /** {@code clientSecret} is for Stripe.js (PaymentIntent) or embedded Checkout (checkout session). */
    public record Payment(String paymentIntentId, String checkoutSessionId, String clientSecret, String status,
                          String failureCode, String failureMessage) {
    }
}
