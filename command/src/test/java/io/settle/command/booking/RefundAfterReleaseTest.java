package io.settle.command.booking;

import static io.settle.command.booking.Bookings.CUSTOMER;
import static io.settle.command.booking.Bookings.ID;
import static io.settle.command.booking.Bookings.PI;
import static io.settle.command.booking.Bookings.PROVIDER;
import static io.settle.command.booking.Bookings.usd;
import static io.settle.command.booking.Bookings.with;
import static io.settle.command.support.Violations.violation;

import io.settle.api.DomainRuleViolation;
import io.settle.api.booking.BookingCommands.ConfirmRefund;
import io.settle.api.booking.BookingCommands.RefundReleasedBooking;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.BookingEvents.ReleasedFundsReclaimed;
import io.settle.api.booking.PaymentSource;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An admin refunds a booking whose money was already released to the provider. */
class RefundAfterReleaseTest {

    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");

    private FixtureConfiguration<Booking> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Booking.class);
    }

    private static RefundRequested requested(long amount, long provider, long fee, int number, String reason) {
        return new RefundRequested(ID, CUSTOMER, PROVIDER, usd(amount), usd(provider), usd(fee), PaymentSource.CARD, PI,
                number, reason);
    }

    @Test
    void a_full_refund_takes_the_whole_share_back_from_the_provider_and_the_whole_fee_from_the_platform() {
        fixture.givenCurrentTime(NOW).andGiven(Bookings.released())
               .when(new RefundReleasedBooking(ID, null, "customer complaint"))
               .expectEvents(new ReleasedFundsReclaimed(ID, PROVIDER, "refund:1", usd(2700), usd(300),
                               "customer complaint"),
                       requested(3000, 2700, 300, 1, "customer complaint"));
    }

    @Test
    void a_partial_refund_is_split_with_the_booking_rate_by_the_one_rounding_rule() {
        // $10.05 at 10 %: fee = round-half-up(100.5) = 101 cents, provider 904
        fixture.given(Bookings.released())
               .when(new RefundReleasedBooking(ID, usd(1005), "partial"))
               .expectEvents(new ReleasedFundsReclaimed(ID, PROVIDER, "refund:1", usd(904), usd(101), "partial"),
                       requested(1005, 904, 101, 1, "partial"));
    }

    @Test
    void a_second_refund_after_the_first_is_confirmed_takes_exactly_what_remains() {
        List<Object> firstRefunded = with(Bookings.released(),
                new ReleasedFundsReclaimed(ID, PROVIDER, "refund:1", usd(904), usd(101), "partial"),
                requested(1005, 904, 101, 1, "partial"),
                new BookingRefunded(ID, CUSTOMER, PaymentSource.CARD, usd(1005), usd(1005), true, "ch_1", NOW));
        fixture.given(firstRefunded)
               .when(new RefundReleasedBooking(ID, null, "the rest"))
               .expectEvents(new ReleasedFundsReclaimed(ID, PROVIDER, "refund:2", usd(1796), usd(199), "the rest"),
                       requested(1995, 1796, 199, 2, "the rest"));
        fixture.given(firstRefunded)
               .when(new RefundReleasedBooking(ID, usd(1996), "too much"))
               .expectException(violation(DomainRuleViolation.VALIDATION_ERROR))
               .expectNoEvents();
    }

    @Test
    void stripe_confirms_the_cumulative_refunded_amount() {
        List<Object> secondRequested = with(Bookings.released(),
                new ReleasedFundsReclaimed(ID, PROVIDER, "refund:1", usd(904), usd(101), "partial"),
                requested(1005, 904, 101, 1, "partial"),
                new BookingRefunded(ID, CUSTOMER, PaymentSource.CARD, usd(1005), usd(1005), true, "ch_1", NOW),
                new ReleasedFundsReclaimed(ID, PROVIDER, "refund:2", usd(1796), usd(199), "the rest"),
                requested(1995, 1796, 199, 2, "the rest"));
        fixture.givenCurrentTime(NOW).andGiven(secondRequested)
               .when(new ConfirmRefund(ID, usd(3000), "ch_1"))
               .expectEvents(new BookingRefunded(ID, CUSTOMER, PaymentSource.CARD, usd(1995), usd(3000), false, "ch_1",
                       NOW));
    }

    @Test
    void only_a_released_booking_with_no_refund_in_flight_is_refunded_this_way() {
        fixture.given(Bookings.paid())
               .when(new RefundReleasedBooking(ID, null, "x"))
               .expectException(violation(DomainRuleViolation.INVALID_STATE));
        fixture.given(with(Bookings.released(),
                        new ReleasedFundsReclaimed(ID, PROVIDER, "refund:1", usd(904), usd(101), "partial"),
                        requested(1005, 904, 101, 1, "partial")))
               .when(new RefundReleasedBooking(ID, null, "again"))
               .expectException(violation(DomainRuleViolation.INVALID_STATE))
               .expectNoEvents();
        fixture.given(Bookings.released())
               .when(new RefundReleasedBooking(ID, usd(0), "zero"))
               .expectException(violation(DomainRuleViolation.VALIDATION_ERROR));
    }

    @Test
    void after_a_partial_refund_resolution_only_the_released_part_can_be_refunded() {
        List<Object> resolved = with(Bookings.partiallyRefundedByDispute(),
                new BookingRefunded(ID, CUSTOMER, PaymentSource.CARD, usd(1000), usd(1000), true, "ch_1", NOW));
        fixture.given(resolved)
               .when(new RefundReleasedBooking(ID, null, "all of it"))
               .expectEvents(new ReleasedFundsReclaimed(ID, PROVIDER, "refund:2", usd(1800), usd(200), "all of it"),
                       requested(2000, 1800, 200, 2, "all of it"));
    }
}
