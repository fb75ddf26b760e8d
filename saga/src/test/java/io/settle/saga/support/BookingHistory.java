package io.settle.saga.support;

import io.settle.api.Money;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.BookingEvents.RefundFailed;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.BookingEvents.SessionCompleted;
import io.settle.api.booking.PaymentSource;
import io.settle.api.wallet.WalletId;
import java.time.Duration;
import java.time.Instant;

/**
 * Object Mother for the booking events the sagas react to: a $30 booking at 10 % (provider 2700, fee
 * 300) paid at {@link #PAID_AT}, its session ending at {@link #SESSION_ENDS_AT}, held 72 h.
 */
public final class BookingHistory {

    public static final String BOOKING = "booking-1";
    public static final String OTHER_BOOKING = "booking-2";
    public static final String CUSTOMER = "customer-1";
    public static final String PROVIDER = "provider-1";
    public static final String PI = "pi_1";
    public static final String PROVIDER_WALLET = WalletId.of(PROVIDER, "usd");
    public static final String CUSTOMER_WALLET = WalletId.of(CUSTOMER, "usd");
    public static final Duration HOLD = Duration.ofHours(72);
    public static final Instant PAID_AT = Instant.parse("2026-11-21T10:05:00Z");
    public static final Instant SESSION_ENDS_AT = Instant.parse("2026-12-01T15:20:00Z");
    public static final Instant RELEASE_AT = SESSION_ENDS_AT.plus(HOLD);

    private BookingHistory() {
    }

    public static Money usd(long cents) {
        return Money.of(cents, "usd");
    }

    public static FundsHeld fundsHeld() {
        return new FundsHeld(BOOKING, PROVIDER, usd(2700), usd(300), RELEASE_AT);
    }

    public static SessionCompleted completedAt(Instant completedAt) {
        return new SessionCompleted(BOOKING, completedAt, completedAt.plus(HOLD));
    }

    public static DisputeOpened disputeOpened() {
        return new DisputeOpened(BOOKING, CUSTOMER, "no show", null);
    }

    public static RefundRequested fullRefundRequested(PaymentSource source) {
        return new RefundRequested(BOOKING, CUSTOMER, PROVIDER, usd(3000), usd(2700), usd(300), source,
                source == PaymentSource.CARD ? PI : null, 1, "cancelled: changed my mind");
    }

    /** The $10 part of a dispute resolved with a partial refund (900 from the provider, 100 from the fee). */
    public static RefundRequested partialRefundRequested() {
        return new RefundRequested(BOOKING, CUSTOMER, PROVIDER, usd(1000), usd(900), usd(100), PaymentSource.CARD,
                PI, 1, "dispute resolved: partial refund");
    }

    public static EscrowReleased released(long providerAmount, long fee, Instant at) {
        return new EscrowReleased(BOOKING, PROVIDER, usd(providerAmount), usd(fee), false, at);
    }

    public static BookingRefunded refunded(PaymentSource source) {
        return new BookingRefunded(BOOKING, CUSTOMER, source, usd(3000), usd(3000), false, "re_1",
                PAID_AT.plus(Duration.ofDays(1)));
    }

    public static RefundFailed refundFailed() {
        return new RefundFailed(BOOKING, usd(3000), "PERMANENT: no", 3);
    }
}
