package io.settle.app.payout;

import io.settle.query.booking.BookingQueries;
import io.settle.saga.payment.PaymentGateway;
import io.settle.saga.payment.PaymentIntentResult;
import io.settle.saga.payout.FundingCharges;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A card booking's charge: its PaymentIntent's latest charge at Stripe (credits bookings have none). */
@Component
class BookingFundingCharges implements FundingCharges {

    private final BookingQueries bookings;
    private final PaymentGateway payments;

    BookingFundingCharges(BookingQueries bookings, PaymentGateway payments) {
        this.bookings = bookings;
        this.payments = payments;
    }

    @Override
    public Optional<String> chargeOf(String bookingId) {
        return bookings.find(bookingId)
                .map(booking -> booking.payment() == null ? null : booking.payment().paymentIntentId())
                .flatMap(payments::retrievePaymentIntent)
                .map(PaymentIntentResult::latestChargeId);
    }
}
