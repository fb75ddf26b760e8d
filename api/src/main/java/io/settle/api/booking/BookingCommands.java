package io.settle.api.booking;

import io.settle.api.Money;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the Booking aggregate. Each is safe to send twice. */
public final class BookingCommands {

    private BookingCommands() {
    }

    public record RequestBooking(@TargetAggregateIdentifier String bookingId, String customerId, String providerId,
                                 String offeringId, String offeringTitle, Money price, int commissionBps,
                                 Instant scheduledAt, Instant sessionEndsAt, PaymentSource source, String notes) {
    }

    public record AttachPaymentIntent(@TargetAggregateIdentifier String bookingId, String paymentIntentId,
                                      String checkoutSessionId) {
    }

    /** The payment succeeded (Stripe webhook, or credits debited). Holds the funds until release. */
    public record CapturePayment(@TargetAggregateIdentifier String bookingId, String paymentIntentId,
                                 String chargeId, Money amount, Duration holdPeriod) {
    }

    public record FailPayment(@TargetAggregateIdentifier String bookingId, String paymentIntentId, String code,
                              String reason) {
    }

    public record StartSession(@TargetAggregateIdentifier String bookingId, String actorId) {
    }

    public record CompleteSession(@TargetAggregateIdentifier String bookingId, String actorId, Duration holdPeriod) {
    }

    public record CancelBooking(@TargetAggregateIdentifier String bookingId, String actorId, String reason) {
    }

    /**
     * The marketplace app could not deliver a paid session (e.g. its calendar booking failed): the booking
     * is refunded in full. Allowed while the funds are held (PAID, IN_PROGRESS, COMPLETED).
     */
    public record ReportFulfilmentFailure(@TargetAggregateIdentifier String bookingId, String actorId, String reason) {
    }

    public record OpenDispute(@TargetAggregateIdentifier String bookingId, String actorId, String reason,
                              String stripeDisputeId) {
    }

    /** Admin decision on a dispute; {@code refundAmount} only for PARTIAL_REFUND. */
    public record ResolveDispute(@TargetAggregateIdentifier String bookingId, DisputeOutcome outcome,
                                 Money refundAmount) {
    }

    /** Sent by the escrow deadline, a RELEASE resolution, or an admin's early release. */
    public record ReleaseEscrow(@TargetAggregateIdentifier String bookingId, boolean early) {
    }

    /** Stripe (or the credits ledger) confirms that {@code totalRefunded} went back to the customer. */
    public record ConfirmRefund(@TargetAggregateIdentifier String bookingId, Money totalRefunded, String refundId) {
    }

    public record FailRefund(@TargetAggregateIdentifier String bookingId, String reason, int attempts) {
    }

    /**
     * An admin refunds a RELEASED booking (e.g. after a complaint): {@code amount} (null: everything not yet
     * refunded) goes back to the customer, and the provider's share of it is taken back from their wallet
     * (possibly into debt), the rest from the platform's commission, split with {@link Money#share}.
     */
    public record RefundReleasedBooking(@TargetAggregateIdentifier String bookingId, Money amount, String reason) {
    }

    /**
     * {@code charge.dispute.created}: the customer disputed the charge at their bank. Applied once per
     * {@code disputeId}; {@code stripeStatus} {@code warning_*} is an inquiry (no money withdrawn yet).
     */
    public record RecordChargeDispute(@TargetAggregateIdentifier String bookingId, String disputeId, Money amount,
                                      String reason, String stripeStatus) {
    }

    /** {@code charge.dispute.closed}: {@code lost} means the customer keeps the money; anything else, we do. */
    public record CloseChargeDispute(@TargetAggregateIdentifier String bookingId, String disputeId,
                                     String stripeStatus) {
    }
}
