package io.settle.api.booking;

import io.settle.api.Money;
import java.time.Instant;

/** Events of the Booking aggregate. Amounts and the commission rate are recorded, never recomputed. */
public final class BookingEvents {

    private BookingEvents() {
    }

    public record BookingRequested(String bookingId, String customerId, String providerId, String offeringId,
                                   String offeringTitle, Money amount, Money platformFee, Money providerAmount,
                                   int commissionBps, Instant scheduledAt, Instant sessionEndsAt,
                                   PaymentSource source, String notes, Instant requestedAt) {
    }

    public record PaymentIntentAttached(String bookingId, String paymentIntentId, String checkoutSessionId) {
    }

    public record PaymentCaptured(String bookingId, String customerId, String providerId, String paymentIntentId,
                                  String chargeId, Money amount, PaymentSource source, Instant capturedAt) {
    }

    /** The provider's share and the fee are held on the platform until {@code releaseAt}. */
    public record FundsHeld(String bookingId, String providerId, Money providerAmount, Money platformFee,
                            Instant releaseAt) {
    }

    public record PaymentFailed(String bookingId, String paymentIntentId, String code, String reason) {
    }

    public record SessionStarted(String bookingId, Instant startedAt) {
    }

    public record SessionCompleted(String bookingId, Instant completedAt, Instant releaseAt) {
    }

    public record BookingCancelled(String bookingId, String actorId, String reason, boolean refundDue) {
    }

    /** The marketplace could not fulfil the paid booking; a full refund ({@link RefundRequested}) follows. */
    public record BookingFulfilmentFailed(String bookingId, String customerId, String providerId, String actorId,
                                          String reason, Money amount, Instant failedAt) {
    }

    public record DisputeOpened(String bookingId, String actorId, String reason, String stripeDisputeId) {
    }

    /** {@code providerAmount} and {@code platformFee} are what remains to release after any refund. */
    public record DisputeResolved(String bookingId, DisputeOutcome outcome, Money refundAmount,
                                  Money providerAmount, Money platformFee) {
    }

    public record EscrowReleased(String bookingId, String providerId, Money providerAmount, Money platformFee,
                                 boolean early, Instant releasedAt) {
    }

    /**
     * A refund of {@code amount} to the customer is due. {@code providerAmountReversed} and
     * {@code platformFeeReversed} are the parts of the held funds it takes back (they sum to amount).
     */
    public record RefundRequested(String bookingId, String customerId, String providerId, Money amount,
                                  Money providerAmountReversed, Money platformFeeReversed, PaymentSource source,
                                  String paymentIntentId, int refundNumber, String reason) {
    }

    public record BookingRefunded(String bookingId, String customerId, PaymentSource source, Money amount, Money totalRefunded,
                                  boolean partial, String refundId, Instant refundedAt) {
    }

    public record RefundFailed(String bookingId, Money amount, String reason, int attempts) {
    }

    /**
     * Money already released is taken back into the booking's escrow: {@code providerAmount} from the
     * provider's wallet (the Wallet records it, possibly as debt) and {@code platformFee} from platform
     * revenue. {@code reference} names the cause ({@code refund:<n>} or {@code dispute:<id>}).
     */
    public record ReleasedFundsReclaimed(String bookingId, String providerId, String reference, Money providerAmount,
                                         Money platformFee, String reason) {
    }

    /**
     * A Stripe dispute on the booking's charge. {@code fundsWithdrawn}: Stripe took {@code amount} from the
     * platform balance now (false for an inquiry). {@code frozen}: the money was still in escrow, and the
     * release waits for the outcome. After release, a {@link ReleasedFundsReclaimed} follows (chargeback).
     */
    public record ChargeDisputeOpened(String bookingId, String providerId, String disputeId, Money amount,
                                      String reason, String stripeStatus, boolean fundsWithdrawn, boolean frozen,
                                      BookingStatus statusAfter) {
    }

    /**
     * The dispute's outcome. Lost: {@code fromEscrow} of the booking's money and {@code platformLoss} (what
     * the booking no longer held) go to the customer, {@code pendingReversed} of the provider's pending
     * earning returns to escrow first. Won: withdrawn funds come back; a frozen escrow resumes releasing at
     * {@code resumeReleaseAt}. {@code closesEscrow}: nothing of the booking remains held.
     */
    public record ChargeDisputeClosed(String bookingId, String providerId, String disputeId, String stripeStatus,
                                      boolean lost, Money amount, boolean fundsWithdrawn, Money fromEscrow,
                                      Money platformLoss, Money pendingReversed, Instant resumeReleaseAt,
                                      boolean closesEscrow, BookingStatus statusAfter) {
    }

    /** What {@link ReleasedFundsReclaimed} took for {@code reference} goes back (a dispute won after release). */
    public record ReclaimedFundsRestored(String bookingId, String providerId, String reference, Money providerAmount,
                                         Money platformFee) {
    }
}
