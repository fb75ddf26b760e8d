package io.settle.command.booking;

import static io.settle.api.DomainRuleViolation.INVALID_STATE;
import static io.settle.command.booking.Bookings.CUSTOMER;
import static io.settle.command.booking.Bookings.ID;
import static io.settle.command.booking.Bookings.PAID_AT;
import static io.settle.command.booking.Bookings.PI;
import static io.settle.command.booking.Bookings.PROVIDER;
import static io.settle.command.booking.Bookings.usd;
import static io.settle.command.booking.Bookings.with;
import static io.settle.command.support.Violations.violation;

import io.settle.api.booking.BookingCommands.ConfirmRefund;
import io.settle.api.booking.BookingCommands.ReleaseEscrow;
import io.settle.api.booking.BookingCommands.ReportFulfilmentFailure;
import io.settle.api.booking.BookingEvents.BookingFulfilmentFailed;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.PaymentSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The marketplace reports it could not fulfil a paid booking: a full refund through the Refund saga. */
class BookingFulfilmentFailureTest {

    private static final Instant FAILED_AT = PAID_AT.plus(Duration.ofHours(2));
    private static final String ADMIN = "ops-1";

    private FixtureConfiguration<Booking> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Booking.class);
    }

    private static BookingFulfilmentFailed failed() {
        return new BookingFulfilmentFailed(ID, CUSTOMER, PROVIDER, ADMIN, "calendar booking failed", usd(3000), FAILED_AT);
    }

    private static RefundRequested fullRefund() {
        return new RefundRequested(ID, CUSTOMER, PROVIDER, usd(3000), usd(2700), usd(300), PaymentSource.CARD, PI, 1,
                "fulfilment failed: calendar booking failed");
    }

    @Test
    void a_paid_booking_that_cannot_be_fulfilled_is_refunded_in_full() {
        fixture.given(Bookings.paid())
               .andGivenCurrentTime(FAILED_AT)
               .when(new ReportFulfilmentFailure(ID, ADMIN, "calendar booking failed"))
               .expectEvents(failed(), fullRefund());
    }

    @Test
    void a_session_in_progress_or_completed_may_still_be_reported_failed() {
        fixture.given(Bookings.inProgress())
               .andGivenCurrentTime(FAILED_AT)
               .when(new ReportFulfilmentFailure(ID, ADMIN, "calendar booking failed"))
               .expectEvents(failed(), fullRefund());
        fixture.given(Bookings.completed())
               .andGivenCurrentTime(FAILED_AT)
               .when(new ReportFulfilmentFailure(ID, ADMIN, "calendar booking failed"))
               .expectEvents(failed(), fullRefund());
    }

    @Test
    void reporting_twice_refunds_once() {
        fixture.given(with(Bookings.paid(), failed(), fullRefund()))
               .when(new ReportFulfilmentFailure(ID, ADMIN, "calendar booking failed again"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void a_released_booking_cannot_be_reported_failed() {
        refused(Bookings.released());
    }

    @Test
    void an_unpaid_booking_cannot_be_reported_failed() {
        refused(Bookings.awaitingPayment());
        refused(Bookings.requested());
        refused(Bookings.paymentFailed());
    }

    @Test
    void a_cancelled_or_disputed_booking_cannot_be_reported_failed() {
        refused(Bookings.cancelledAfterPayment());
        refused(Bookings.disputed());
    }

    @Test
    void after_the_report_the_escrow_can_no_longer_be_released_and_the_refund_confirms() {
        fixture.given(with(Bookings.paid(), failed(), fullRefund()))
               .when(new ReleaseEscrow(ID, false))
               .expectException(violation(INVALID_STATE))
               .expectNoEvents();
        fixture.given(with(Bookings.paid(), failed(), fullRefund()))
               .andGivenCurrentTime(FAILED_AT.plusSeconds(60))
               .when(new ConfirmRefund(ID, usd(3000), "re_1"))
               .expectEvents(new BookingRefunded(ID, CUSTOMER, PaymentSource.CARD, usd(3000), usd(3000), false, "re_1",
                       FAILED_AT.plusSeconds(60)));
    }

    private void refused(List<Object> history) {
        fixture.given(history)
               .when(new ReportFulfilmentFailure(ID, ADMIN, "calendar booking failed"))
               .expectException(violation(INVALID_STATE))
               .expectNoEvents();
    }
}
