package io.settle.query.booking;

import io.settle.api.Money;
import java.time.Instant;

/** A booking as the API shows it. */
public record BookingView(String id, String status, String customerId, String providerId, String offeringId,
                          String offeringTitle, Money amount, Money platformFee, Money providerAmount,
                          int commissionBps, String paymentSource, Instant scheduledAt, Instant sessionEndsAt,
                          Instant releaseAt, Instant paidAt, Instant releasedAt, Money refundedAmount,
                          Payment payment, String disputeReason, String notes, Instant createdAt, Instant updatedAt,
                          StripeDispute stripeDispute) {

    /** The latest Stripe dispute (chargeback) on the booking's charge, or null. */
    public record StripeDispute(String id, String status, Money amount) {
    }

    public record Payment(String paymentIntentId, String checkoutSessionId, String status, String failureCode,
                          String failureReason) {
    }
}
