package io.settle.query.booking;

import io.settle.api.booking.BookingEvents.BookingCancelled;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.ReclaimedFundsRestored;
import io.settle.api.booking.BookingEvents.ReleasedFundsReclaimed;
import io.settle.api.booking.BookingEvents.BookingRequested;
import io.settle.api.booking.BookingEvents.ChargeDisputeClosed;
import io.settle.api.booking.BookingEvents.ChargeDisputeOpened;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.BookingEvents.PaymentCaptured;
import io.settle.api.booking.BookingEvents.PaymentFailed;
import io.settle.api.booking.BookingEvents.PaymentIntentAttached;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.BookingEvents.SessionCompleted;
import io.settle.api.booking.BookingEvents.SessionStarted;
import io.settle.api.booking.BookingStatus;
import static io.settle.query.SqlTime.ts;

import io.settle.query.BatchedWrites;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code bookings} table: one row per booking, in its current state. Every update is idempotent and changes
 * only its booking's row, so the batch sends each statement text prepared, with the parameters of all its
 * bookings ({@link BatchedWrites#updateRow}).
 */
@Component
@ProcessingGroup("bookings")
public class BookingProjection {

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public BookingProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, "bookings");
    }

    @EventHandler
    void on(BookingRequested e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                INSERT INTO bookings (id, customer_id, provider_id, offering_id, offering_title, status, amount, currency,
                  platform_fee, provider_amount, commission_bps, payment_source, scheduled_at, session_ends_at, notes,
                  created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                e.bookingId(), e.customerId(), e.providerId(), e.offeringId(), e.offeringTitle(),
                BookingStatus.REQUESTED.name(), e.amount().amount(), e.amount().currency(), e.platformFee().amount(),
                e.providerAmount().amount(), e.commissionBps(), e.source().name(), ts(e.scheduledAt()),
                ts(e.sessionEndsAt()), e.notes(), ts(at), ts(at));
    }

    @EventHandler
    void on(PaymentIntentAttached e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                UPDATE bookings SET payment_intent_id = ?, checkout_session_id = ?, status = ?, payment_status = 'requires_confirmation',
                  updated_at = ? WHERE id = ?""",
                e.paymentIntentId(), e.checkoutSessionId(), BookingStatus.PAYMENT_PENDING.name(), ts(at), e.bookingId());
    }

    @EventHandler
    void on(PaymentCaptured e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                UPDATE bookings SET payment_intent_id = COALESCE(?, payment_intent_id), paid_at = ?, payment_status = 'succeeded',
                  failure_code = NULL, failure_reason = NULL, updated_at = ? WHERE id = ?""",
                e.paymentIntentId(), ts(e.capturedAt()), ts(at), e.bookingId());
    }

    @EventHandler
    void on(FundsHeld e, @Timestamp Instant at) {
        statusAndRelease(e.bookingId(), BookingStatus.PAID, e.releaseAt(), at);
    }

    @EventHandler
    void on(PaymentFailed e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                UPDATE bookings SET status = ?, payment_status = 'requires_payment_method', failure_code = ?, failure_reason = ?,
                  updated_at = ? WHERE id = ?""",
                BookingStatus.PAYMENT_FAILED.name(), e.code(), e.reason(), ts(at), e.bookingId());
    }

    @EventHandler
    void on(SessionStarted e, @Timestamp Instant at) {
        status(e.bookingId(), BookingStatus.IN_PROGRESS, at);
    }

    @EventHandler
    void on(SessionCompleted e, @Timestamp Instant at) {
        statusAndRelease(e.bookingId(), BookingStatus.COMPLETED, e.releaseAt(), at);
    }

    @EventHandler
    void on(BookingCancelled e, @Timestamp Instant at) {
        statusAndRelease(e.bookingId(), BookingStatus.CANCELLED, null, at);
    }

    @EventHandler
    void on(DisputeOpened e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(),
                "UPDATE bookings SET status = ?, release_at = NULL, dispute_reason = ?, updated_at = ? WHERE id = ?",
                BookingStatus.DISPUTED.name(), e.reason(), ts(at), e.bookingId());
    }

    @EventHandler
    void on(ChargeDisputeOpened e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                UPDATE bookings SET status = ?, stripe_dispute_id = ?, stripe_dispute_status = ?, disputed_amount = ?,
                  dispute_reason = COALESCE(?, dispute_reason),
                  release_at = CASE WHEN ? THEN NULL ELSE release_at END, updated_at = ? WHERE id = ?""",
                e.statusAfter().name(), e.disputeId(), e.stripeStatus(), e.amount().amount(), e.reason(), e.frozen(),
                ts(at), e.bookingId());
    }

    @EventHandler
    void on(ChargeDisputeClosed e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                UPDATE bookings SET status = ?, stripe_dispute_status = ?, release_at = COALESCE(?, release_at),
                  updated_at = ? WHERE id = ?""",
                e.statusAfter().name(), e.stripeStatus(), ts(e.resumeReleaseAt()), ts(at), e.bookingId());
    }

    @EventHandler
    void on(RefundRequested e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                UPDATE bookings SET status = CASE WHEN status = 'CANCELLED' THEN status ELSE ? END, release_at = NULL,
                  updated_at = ? WHERE id = ?""", BookingStatus.REFUND_PENDING.name(), ts(at), e.bookingId());
    }

    @EventHandler
    void on(EscrowReleased e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                UPDATE bookings SET status = ?, provider_amount = ?, platform_fee = ?, released_at = ?, release_at = NULL,
                  updated_at = ? WHERE id = ?""",
                BookingStatus.RELEASED.name(), e.providerAmount().amount(), e.platformFee().amount(),
                ts(e.releasedAt()), ts(at), e.bookingId());
    }

    /**
     * A refund after release or a chargeback takes back part of what the release split: the booking's share
     * and fee show what the provider and the platform keep, as after a partial-refund resolution (reports sum
     * them). Increments, applied once: the token of this processor commits with the update.
     */
    @EventHandler
    void on(ReleasedFundsReclaimed e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                UPDATE bookings SET provider_amount = provider_amount - ?, platform_fee = platform_fee - ?,
                  updated_at = ? WHERE id = ?""",
                e.providerAmount().amount(), e.platformFee().amount(), ts(at), e.bookingId());
    }

    /** A won dispute gives back what its chargeback reclaimed. */
    @EventHandler
    void on(ReclaimedFundsRestored e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(), """
                UPDATE bookings SET provider_amount = provider_amount + ?, platform_fee = platform_fee + ?,
                  updated_at = ? WHERE id = ?""",
                e.providerAmount().amount(), e.platformFee().amount(), ts(at), e.bookingId());
    }

    @EventHandler
    void on(BookingRefunded e, @Timestamp Instant at) {
        writes.updateRow(e.bookingId(),
                "UPDATE bookings SET status = ?, refunded_amount = ?, updated_at = ? WHERE id = ?",
                (e.partial() ? BookingStatus.PARTIALLY_REFUNDED : BookingStatus.REFUNDED).name(),
                e.totalRefunded().amount(), ts(at), e.bookingId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM bookings");
    }

    private void status(String bookingId, BookingStatus status, Instant at) {
        writes.updateRow(bookingId, "UPDATE bookings SET status = ?, updated_at = ? WHERE id = ?", status.name(),
                ts(at), bookingId);
    }

    private void statusAndRelease(String bookingId, BookingStatus status, Instant releaseAt, Instant at) {
        writes.updateRow(bookingId, "UPDATE bookings SET status = ?, release_at = ?, updated_at = ? WHERE id = ?",
                status.name(), ts(releaseAt), ts(at), bookingId);
    }
}
