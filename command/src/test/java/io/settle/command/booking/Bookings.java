package io.settle.command.booking;

import io.settle.api.Money;
import io.settle.api.booking.BookingCommands.RequestBooking;
import io.settle.api.booking.BookingEvents.BookingCancelled;
import io.settle.api.booking.BookingEvents.BookingRequested;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.DisputeResolved;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.BookingEvents.PaymentCaptured;
import io.settle.api.booking.BookingEvents.PaymentFailed;
import io.settle.api.booking.BookingEvents.PaymentIntentAttached;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.BookingEvents.SessionCompleted;
import io.settle.api.booking.BookingEvents.SessionStarted;
import io.settle.api.booking.DisputeOutcome;
import io.settle.api.booking.PaymentSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Object Mother for the Booking aggregate: a $30 card booking at 10 % (fee 300, provider 2700), held
 * 72 h, and the event histories that put it in each state of its lifecycle.
 */
final class Bookings {

    static final String ID = "booking-1";
    static final String CUSTOMER = "customer-1";
    static final String PROVIDER = "provider-1";
    static final String OFFERING = "offering-1";
    static final String TITLE = "20 Minute Session";
    static final String PI = "pi_1";
    static final String CHARGE = "ch_1";
    static final int BPS = 1000;
    static final Duration HOLD = Duration.ofHours(72);

    static final Instant REQUESTED_AT = Instant.parse("2026-11-21T10:00:00Z");
    static final Instant PAID_AT = Instant.parse("2026-11-21T10:05:00Z");
    static final Instant SCHEDULED_AT = Instant.parse("2026-12-01T15:00:00Z");
    static final Instant SESSION_ENDS_AT = Instant.parse("2026-12-01T15:20:00Z");
    static final Instant RELEASE_AT = SESSION_ENDS_AT.plus(HOLD);

    private Bookings() {
    }

    static Money usd(long cents) {
        return Money.of(cents, "usd");
    }

    // ---- commands --------------------------------------------------------------------------------

    static RequestBooking request(long price, int bps) {
        return new RequestBooking(ID, CUSTOMER, PROVIDER, OFFERING, TITLE, usd(price), bps, SCHEDULED_AT,
                SESSION_ENDS_AT, PaymentSource.CARD, "notes");
    }

    static RequestBooking request() {
        return request(3000, BPS);
    }

    // ---- single events ---------------------------------------------------------------------------

    static BookingRequested bookingRequested(long price, long fee, PaymentSource source) {
        return new BookingRequested(ID, CUSTOMER, PROVIDER, OFFERING, TITLE, usd(price), usd(fee),
                usd(price - fee), BPS, SCHEDULED_AT, SESSION_ENDS_AT, source, "notes", REQUESTED_AT);
    }

    static PaymentIntentAttached intentAttached(String paymentIntentId) {
        return new PaymentIntentAttached(ID, paymentIntentId, null);
    }

    static PaymentCaptured captured() {
        return new PaymentCaptured(ID, CUSTOMER, PROVIDER, PI, CHARGE, usd(3000), PaymentSource.CARD, PAID_AT);
    }

    static FundsHeld fundsHeld() {
        return new FundsHeld(ID, PROVIDER, usd(2700), usd(300), RELEASE_AT);
    }

    static PaymentFailed declined() {
        return new PaymentFailed(ID, PI, "card_declined", "Your card was declined.");
    }

    static RefundRequested fullRefundRequested(String reason) {
        return new RefundRequested(ID, CUSTOMER, PROVIDER, usd(3000), usd(2700), usd(300), PaymentSource.CARD, PI,
                1, reason);
    }

    // ---- histories -------------------------------------------------------------------------------

    /** Requested, no payment intent yet. */
    static List<Object> requested() {
        return List.of(bookingRequested(3000, 300, PaymentSource.CARD));
    }

    /** Requested with a payment intent attached (PAYMENT_PENDING). */
    static List<Object> awaitingPayment() {
        return with(requested(), intentAttached(PI));
    }

    static List<Object> paymentFailed() {
        return with(awaitingPayment(), declined());
    }

    /** Paid by card; funds held until {@link #RELEASE_AT}. */
    static List<Object> paid() {
        return with(awaitingPayment(), captured(), fundsHeld());
    }

    static List<Object> inProgress() {
        return with(paid(), new SessionStarted(ID, SCHEDULED_AT));
    }

    static List<Object> completed() {
        return with(inProgress(), new SessionCompleted(ID, SESSION_ENDS_AT, SESSION_ENDS_AT.plus(HOLD)));
    }

    static List<Object> disputed() {
        return with(completed(), new DisputeOpened(ID, CUSTOMER, "no show", null));
    }

    static List<Object> released() {
        return with(paid(), new EscrowReleased(ID, PROVIDER, usd(2700), usd(300), false, RELEASE_AT));
    }

    static List<Object> cancelledBeforePayment() {
        return with(awaitingPayment(), new BookingCancelled(ID, CUSTOMER, "changed my mind", false));
    }

    /** Cancelled while PAID: the full refund is requested and not yet confirmed. */
    static List<Object> cancelledAfterPayment() {
        return with(paid(), new BookingCancelled(ID, CUSTOMER, "changed my mind", true),
                fullRefundRequested("cancelled: changed my mind"));
    }

    /** Disputed and resolved with a $10 partial refund: $20 released (1800 / 200), $10 to refund. */
    static List<Object> partiallyRefundedByDispute() {
        return with(disputed(),
                new DisputeResolved(ID, DisputeOutcome.PARTIAL_REFUND, usd(1000), usd(1800), usd(200)),
                new RefundRequested(ID, CUSTOMER, PROVIDER, usd(1000), usd(900), usd(100), PaymentSource.CARD, PI, 1,
                        "dispute resolved: partial refund"),
                new EscrowReleased(ID, PROVIDER, usd(1800), usd(200), false, RELEASE_AT));
    }

    static List<Object> with(List<Object> history, Object... more) {
        List<Object> events = new ArrayList<>(history);
        events.addAll(List.of(more));
        return events;
    }
}
