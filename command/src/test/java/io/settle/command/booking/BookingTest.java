package io.settle.command.booking;

import io.settle.api.DomainRuleViolation;
import static io.settle.api.DomainRuleViolation.INVALID_STATE;
import static io.settle.api.DomainRuleViolation.VALIDATION_ERROR;
import static io.settle.command.booking.Bookings.BPS;
import static io.settle.command.booking.Bookings.CHARGE;
import static io.settle.command.booking.Bookings.CUSTOMER;
import static io.settle.command.booking.Bookings.HOLD;
import static io.settle.command.booking.Bookings.ID;
import static io.settle.command.booking.Bookings.OFFERING;
import static io.settle.command.booking.Bookings.PAID_AT;
import static io.settle.command.booking.Bookings.PI;
import static io.settle.command.booking.Bookings.PROVIDER;
import static io.settle.command.booking.Bookings.RELEASE_AT;
import static io.settle.command.booking.Bookings.REQUESTED_AT;
import static io.settle.command.booking.Bookings.SCHEDULED_AT;
import static io.settle.command.booking.Bookings.SESSION_ENDS_AT;
import static io.settle.command.booking.Bookings.TITLE;
import static io.settle.command.booking.Bookings.usd;
import static io.settle.command.booking.Bookings.with;
import static io.settle.command.support.Violations.violation;

import io.settle.api.booking.BookingCommands.AttachPaymentIntent;
import io.settle.api.booking.BookingCommands.CancelBooking;
import io.settle.api.booking.BookingCommands.CapturePayment;
import io.settle.api.booking.BookingCommands.CompleteSession;
import io.settle.api.booking.BookingCommands.ConfirmRefund;
import io.settle.api.booking.BookingCommands.FailPayment;
import io.settle.api.booking.BookingCommands.FailRefund;
import io.settle.api.booking.BookingCommands.OpenDispute;
import io.settle.api.booking.BookingCommands.ReleaseEscrow;
import io.settle.api.booking.BookingCommands.RequestBooking;
import io.settle.api.booking.BookingCommands.ResolveDispute;
import io.settle.api.booking.BookingCommands.StartSession;
import io.settle.api.booking.BookingEvents.BookingCancelled;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.BookingRequested;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.DisputeResolved;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.BookingEvents.PaymentCaptured;
import io.settle.api.booking.BookingEvents.PaymentFailed;
import io.settle.api.booking.BookingEvents.PaymentIntentAttached;
import io.settle.api.booking.BookingEvents.RefundFailed;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.BookingEvents.SessionCompleted;
import io.settle.api.booking.BookingEvents.SessionStarted;
import io.settle.api.booking.DisputeOutcome;
import io.settle.api.booking.PaymentSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BookingTest {

    private FixtureConfiguration<Booking> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Booking.class);
    }

    private void refused(List<Object> history, Object command, String code) {
        fixture.given(history)
               .when(command)
               .expectException(violation(code))
               .expectNoEvents();
    }

    private void ignored(List<Object> history, Object command) {
        fixture.given(history)
               .when(command)
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    private static CapturePayment capture(String paymentIntentId, long amount) {
        return new CapturePayment(ID, paymentIntentId, CHARGE, usd(amount), HOLD);
    }

    private static CapturePayment capture() {
        return capture(PI, 3000);
    }

    @Nested
    class RequestingABooking {

        @Test
        void a_30_dollar_booking_at_10_percent_records_fee_300_and_provider_share_2700() {
            fixture.givenCurrentTime(REQUESTED_AT)
                   .when(Bookings.request(3000, 1000))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new BookingRequested(ID, CUSTOMER, PROVIDER, OFFERING, TITLE, usd(3000), usd(300),
                           usd(2700), 1000, SCHEDULED_AT, SESSION_ENDS_AT, PaymentSource.CARD, "notes",
                           REQUESTED_AT));
        }

        @Test
        void a_50_dollar_booking_at_10_percent_records_fee_500_and_provider_share_4500() {
            fixture.givenCurrentTime(REQUESTED_AT)
                   .when(Bookings.request(5000, 1000))
                   .expectEvents(new BookingRequested(ID, CUSTOMER, PROVIDER, OFFERING, TITLE, usd(5000), usd(500),
                           usd(4500), 1000, SCHEDULED_AT, SESSION_ENDS_AT, PaymentSource.CARD, "notes",
                           REQUESTED_AT));
        }

        @Test
        void a_fee_of_exactly_half_a_cent_rounds_up() {
            // 1005 × 10 % = 100.5 → 101; the provider gets the remainder, 904
            fixture.givenCurrentTime(REQUESTED_AT)
                   .when(Bookings.request(1005, 1000))
                   .expectEvents(new BookingRequested(ID, CUSTOMER, PROVIDER, OFFERING, TITLE, usd(1005), usd(101),
                           usd(904), 1000, SCHEDULED_AT, SESSION_ENDS_AT, PaymentSource.CARD, "notes",
                           REQUESTED_AT));
        }

        @Test
        void a_fee_below_half_a_cent_rounds_down() {
            // 1004 × 10 % = 100.4 → 100
            fixture.givenCurrentTime(REQUESTED_AT)
                   .when(Bookings.request(1004, 1000))
                   .expectEvents(new BookingRequested(ID, CUSTOMER, PROVIDER, OFFERING, TITLE, usd(1004), usd(100),
                           usd(904), 1000, SCHEDULED_AT, SESSION_ENDS_AT, PaymentSource.CARD, "notes",
                           REQUESTED_AT));
        }

        @Test
        void half_a_cent_at_50_percent_rounds_the_fee_up_and_leaves_the_provider_nothing() {
            // 1 × 50 % = 0.5 → fee 1, provider 0 (see EscrowSagaTest for what a zero share does downstream)
            fixture.givenCurrentTime(REQUESTED_AT)
                   .when(Bookings.request(1, 5000))
                   .expectEvents(new BookingRequested(ID, CUSTOMER, PROVIDER, OFFERING, TITLE, usd(1), usd(1),
                           usd(0), 5000, SCHEDULED_AT, SESSION_ENDS_AT, PaymentSource.CARD, "notes",
                           REQUESTED_AT));
        }

        @Test
        void a_commission_above_100_percent_is_a_validation_error() {
            fixture.givenNoPriorActivity()
                   .when(Bookings.request(3000, 10_001))
                   .expectException(violation(VALIDATION_ERROR))
                   .expectNoEvents();
        }

        @Test
        void a_zero_price_is_a_validation_error() {
            fixture.givenNoPriorActivity()
                   .when(Bookings.request(0, BPS))
                   .expectException(violation(VALIDATION_ERROR))
                   .expectNoEvents();
        }

        @Test
        void a_negative_price_is_a_validation_error() {
            fixture.givenNoPriorActivity()
                   .when(Bookings.request(-3000, BPS))
                   .expectException(violation(VALIDATION_ERROR))
                   .expectNoEvents();
        }

        @Test
        void a_session_ending_before_it_starts_is_a_validation_error() {
            fixture.givenNoPriorActivity()
                   .when(new RequestBooking(ID, CUSTOMER, PROVIDER, OFFERING, TITLE, usd(3000), BPS, SCHEDULED_AT,
                           SCHEDULED_AT.minusSeconds(60), PaymentSource.CARD, null))
                   .expectException(violation(VALIDATION_ERROR))
                   .expectNoEvents();
        }

        @Test
        void requesting_the_same_booking_twice_changes_nothing() {
            ignored(Bookings.requested(), Bookings.request());
        }
    }

    @Nested
    class AttachingAPaymentIntent {

        @Test
        void attaching_a_payment_intent_makes_the_payment_pending() {
            fixture.given(Bookings.requested())
                   .when(new AttachPaymentIntent(ID, PI, null))
                   .expectEvents(new PaymentIntentAttached(ID, PI, null));
        }

        @Test
        void attaching_the_same_payment_intent_again_changes_nothing() {
            ignored(Bookings.awaitingPayment(), new AttachPaymentIntent(ID, PI, null));
        }

        @Test
        void a_checkout_session_is_attached_before_stripe_creates_its_payment_intent() {
            fixture.given(Bookings.requested())
                   .when(new AttachPaymentIntent(ID, null, "cs_1"))
                   .expectEvents(new PaymentIntentAttached(ID, null, "cs_1"));
        }

        @Test
        void attaching_the_same_checkout_session_again_changes_nothing() {
            ignored(with(Bookings.requested(), new PaymentIntentAttached(ID, null, "cs_1")),
                    new AttachPaymentIntent(ID, null, "cs_1"));
        }

        @Test
        void a_new_payment_intent_may_be_attached_after_a_failed_payment() {
            fixture.given(Bookings.paymentFailed())
                   .when(new AttachPaymentIntent(ID, "pi_2", null))
                   .expectEvents(new PaymentIntentAttached(ID, "pi_2", null));
        }

        @Test
        void another_payment_intent_cannot_be_attached_to_a_paid_booking() {
            refused(Bookings.paid(), new AttachPaymentIntent(ID, "pi_2", null), INVALID_STATE);
        }

        @Test
        void a_payment_intent_cannot_be_attached_to_a_cancelled_booking() {
            refused(Bookings.cancelledBeforePayment(), new AttachPaymentIntent(ID, "pi_2", null), INVALID_STATE);
        }
    }

    @Nested
    class CapturingThePayment {

        @Test
        void capture_holds_the_funds_until_the_session_end_plus_the_hold_period() {
            fixture.given(Bookings.awaitingPayment())
                   .andGivenCurrentTime(PAID_AT)
                   .when(capture())
                   .expectEvents(
                           new PaymentCaptured(ID, CUSTOMER, PROVIDER, PI, CHARGE, usd(3000), PaymentSource.CARD,
                                   PAID_AT),
                           new FundsHeld(ID, PROVIDER, usd(2700), usd(300), SESSION_ENDS_AT.plus(HOLD)));
        }

        @Test
        void a_capture_after_the_session_end_holds_the_funds_from_the_capture_time() {
            Instant late = SESSION_ENDS_AT.plus(Duration.ofHours(5));
            fixture.given(Bookings.awaitingPayment())
                   .andGivenCurrentTime(late)
                   .when(capture())
                   .expectEvents(
                           new PaymentCaptured(ID, CUSTOMER, PROVIDER, PI, CHARGE, usd(3000), PaymentSource.CARD,
                                   late),
                           new FundsHeld(ID, PROVIDER, usd(2700), usd(300), late.plus(HOLD)));
        }

        @Test
        void capturing_twice_changes_nothing() {
            ignored(Bookings.paid(), capture());
        }

        @Test
        void a_capture_of_another_amount_is_a_validation_error() {
            refused(Bookings.awaitingPayment(), capture(PI, 2999), VALIDATION_ERROR);
        }

        @Test
        void a_capture_after_a_failed_payment_pays_the_booking() {
            fixture.given(with(Bookings.paymentFailed(), Bookings.intentAttached("pi_2")))
                   .andGivenCurrentTime(PAID_AT)
                   .when(capture("pi_2", 3000))
                   .expectEvents(
                           new PaymentCaptured(ID, CUSTOMER, PROVIDER, "pi_2", CHARGE, usd(3000), PaymentSource.CARD,
                                   PAID_AT),
                           new FundsHeld(ID, PROVIDER, usd(2700), usd(300), RELEASE_AT));
        }

        @Test
        void a_capture_after_cancellation_refunds_the_payment_and_holds_nothing() {
            fixture.given(Bookings.cancelledBeforePayment())
                   .andGivenCurrentTime(PAID_AT)
                   .when(capture())
                   .expectEvents(
                           new PaymentCaptured(ID, CUSTOMER, PROVIDER, PI, CHARGE, usd(3000), PaymentSource.CARD,
                                   PAID_AT),
                           new RefundRequested(ID, CUSTOMER, PROVIDER, usd(3000), usd(2700), usd(300),
                                   PaymentSource.CARD, PI, 1, "payment arrived after cancellation"));
        }

        @Test
        void a_credits_payment_is_captured_without_a_payment_intent() {
            fixture.given(Bookings.bookingRequested(3000, 300, PaymentSource.CREDITS))
                   .andGivenCurrentTime(PAID_AT)
                   .when(new CapturePayment(ID, null, null, usd(3000), HOLD))
                   .expectEvents(
                           new PaymentCaptured(ID, CUSTOMER, PROVIDER, null, null, usd(3000), PaymentSource.CREDITS,
                                   PAID_AT),
                           new FundsHeld(ID, PROVIDER, usd(2700), usd(300), RELEASE_AT));
        }
    }

    @Nested
    class FailingThePayment {

        @Test
        void a_declined_payment_marks_the_booking_payment_failed() {
            fixture.given(Bookings.awaitingPayment())
                   .when(new FailPayment(ID, PI, "card_declined", "Your card was declined."))
                   .expectEvents(new PaymentFailed(ID, PI, "card_declined", "Your card was declined."));
        }

        @Test
        void failing_twice_changes_nothing() {
            ignored(Bookings.paymentFailed(), new FailPayment(ID, PI, "card_declined", "again"));
        }

        @Test
        void a_failure_arriving_after_the_capture_changes_nothing() {
            ignored(Bookings.paid(), new FailPayment(ID, PI, "card_declined", "late webhook"));
        }

        @Test
        void a_late_failure_of_a_superseded_payment_intent_changes_nothing() {
            // pi_1 failed, the customer retried with pi_2; a reordered/second pi_1 failure arrives
            ignored(with(Bookings.paymentFailed(), Bookings.intentAttached("pi_2")),
                    new FailPayment(ID, PI, "card_declined", "late webhook for pi_1"));
        }

        @Test
        void a_failure_after_cancellation_changes_nothing() {
            ignored(Bookings.cancelledBeforePayment(), new FailPayment(ID, PI, "card_declined", "late webhook"));
        }
    }

    @Nested
    class StartingTheSession {

        private final Instant startedAt = SCHEDULED_AT.plusSeconds(30);

        @Test
        void the_provider_starts_a_paid_session() {
            fixture.given(Bookings.paid())
                   .andGivenCurrentTime(startedAt)
                   .when(new StartSession(ID, PROVIDER))
                   .expectEvents(new SessionStarted(ID, startedAt));
        }

        @Test
        void starting_twice_changes_nothing() {
            ignored(Bookings.inProgress(), new StartSession(ID, PROVIDER));
        }

        @Test
        void the_customer_cannot_start_the_session() {
            refused(Bookings.paid(), new StartSession(ID, CUSTOMER), DomainRuleViolation.WRONG_PARTY);
        }

        @Test
        void a_stranger_is_told_the_booking_does_not_exist() {
            refused(Bookings.paid(), new StartSession(ID, "someone-else"), DomainRuleViolation.NOT_A_PARTY);
        }

        @Test
        void an_unpaid_session_cannot_start() {
            refused(Bookings.awaitingPayment(), new StartSession(ID, PROVIDER), INVALID_STATE);
        }

        @Test
        void a_completed_session_cannot_start_again() {
            refused(Bookings.completed(), new StartSession(ID, PROVIDER), INVALID_STATE);
        }

        @Test
        void a_disputed_session_cannot_start() {
            refused(Bookings.disputed(), new StartSession(ID, PROVIDER), INVALID_STATE);
        }
    }

    @Nested
    class CompletingTheSession {

        @Test
        void completion_moves_the_release_to_completion_plus_the_hold_period() {
            Instant completedAt = SESSION_ENDS_AT.plus(Duration.ofMinutes(10));
            fixture.given(Bookings.inProgress())
                   .andGivenCurrentTime(completedAt)
                   .when(new CompleteSession(ID, PROVIDER, HOLD))
                   .expectEvents(new SessionCompleted(ID, completedAt, completedAt.plus(HOLD)));
        }

        @Test
        void an_early_completion_brings_the_release_forward() {
            Instant completedAt = SCHEDULED_AT.plus(Duration.ofMinutes(10));
            fixture.given(Bookings.inProgress())
                   .andGivenCurrentTime(completedAt)
                   .when(new CompleteSession(ID, PROVIDER, HOLD))
                   .expectEvents(new SessionCompleted(ID, completedAt, completedAt.plus(HOLD)));
        }

        @Test
        void a_paid_session_may_be_completed_without_an_explicit_start() {
            Instant completedAt = SESSION_ENDS_AT;
            fixture.given(Bookings.paid())
                   .andGivenCurrentTime(completedAt)
                   .when(new CompleteSession(ID, PROVIDER, HOLD))
                   .expectEvents(new SessionCompleted(ID, completedAt, completedAt.plus(HOLD)));
        }

        @Test
        void completing_twice_changes_nothing() {
            ignored(Bookings.completed(), new CompleteSession(ID, PROVIDER, HOLD));
        }

        @Test
        void the_customer_cannot_complete_the_session() {
            refused(Bookings.inProgress(), new CompleteSession(ID, CUSTOMER, HOLD), DomainRuleViolation.WRONG_PARTY);
        }

        @Test
        void an_unpaid_session_cannot_be_completed() {
            refused(Bookings.awaitingPayment(), new CompleteSession(ID, PROVIDER, HOLD), INVALID_STATE);
        }

        @Test
        void a_released_booking_cannot_be_completed() {
            refused(Bookings.released(), new CompleteSession(ID, PROVIDER, HOLD), INVALID_STATE);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelling_before_any_payment_needs_no_refund() {
            fixture.given(Bookings.requested())
                   .when(new CancelBooking(ID, CUSTOMER, "changed my mind"))
                   .expectEvents(new BookingCancelled(ID, CUSTOMER, "changed my mind", false));
        }

        @Test
        void cancelling_while_the_payment_is_pending_needs_no_refund() {
            fixture.given(Bookings.awaitingPayment())
                   .when(new CancelBooking(ID, PROVIDER, "sick"))
                   .expectEvents(new BookingCancelled(ID, PROVIDER, "sick", false));
        }

        @Test
        void cancelling_after_a_failed_payment_needs_no_refund() {
            fixture.given(Bookings.paymentFailed())
                   .when(new CancelBooking(ID, CUSTOMER, "gave up"))
                   .expectEvents(new BookingCancelled(ID, CUSTOMER, "gave up", false));
        }

        @Test
        void cancelling_a_paid_booking_requests_a_full_refund() {
            fixture.given(Bookings.paid())
                   .when(new CancelBooking(ID, CUSTOMER, "changed my mind"))
                   .expectEvents(new BookingCancelled(ID, CUSTOMER, "changed my mind", true),
                           Bookings.fullRefundRequested("cancelled: changed my mind"));
        }

        @Test
        void cancelling_twice_changes_nothing() {
            ignored(Bookings.cancelledAfterPayment(), new CancelBooking(ID, CUSTOMER, "again"));
        }

        @Test
        void a_started_session_cannot_be_cancelled() {
            refused(Bookings.inProgress(), new CancelBooking(ID, CUSTOMER, "too late"), INVALID_STATE);
        }

        @Test
        void a_completed_session_cannot_be_cancelled() {
            refused(Bookings.completed(), new CancelBooking(ID, CUSTOMER, "too late"), INVALID_STATE);
        }

        @Test
        void a_released_booking_cannot_be_cancelled() {
            refused(Bookings.released(), new CancelBooking(ID, CUSTOMER, "too late"), INVALID_STATE);
        }
    }

    @Nested
    class Disputing {

        @Test
        void the_customer_disputes_a_paid_booking() {
            fixture.given(Bookings.paid())
                   .when(new OpenDispute(ID, CUSTOMER, "no show", null))
                   .expectEvents(new DisputeOpened(ID, CUSTOMER, "no show", null));
        }

        @Test
        void a_completed_session_can_be_disputed_while_funds_are_held() {
            fixture.given(Bookings.completed())
                   .when(new OpenDispute(ID, CUSTOMER, "bad session", "dp_1"))
                   .expectEvents(new DisputeOpened(ID, CUSTOMER, "bad session", "dp_1"));
        }

        @Test
        void disputing_twice_changes_nothing() {
            ignored(Bookings.disputed(), new OpenDispute(ID, CUSTOMER, "again", null));
        }

        @Test
        void an_unpaid_booking_cannot_be_disputed() {
            refused(Bookings.awaitingPayment(), new OpenDispute(ID, CUSTOMER, "why", null), INVALID_STATE);
        }

        @Test
        void a_released_booking_cannot_be_disputed() {
            refused(Bookings.released(), new OpenDispute(ID, CUSTOMER, "too late", null), INVALID_STATE);
        }
    }

    @Nested
    class ResolvingADispute {

        private final Instant resolvedAt = RELEASE_AT.plus(Duration.ofDays(1));

        @Test
        void a_release_resolution_releases_the_whole_share_and_fee() {
            fixture.given(Bookings.disputed())
                   .andGivenCurrentTime(resolvedAt)
                   .when(new ResolveDispute(ID, DisputeOutcome.RELEASE, null))
                   .expectEvents(new DisputeResolved(ID, DisputeOutcome.RELEASE, usd(0), usd(2700), usd(300)),
                           new EscrowReleased(ID, PROVIDER, usd(2700), usd(300), false, resolvedAt));
        }

        @Test
        void a_refund_resolution_requests_a_full_refund_and_releases_nothing() {
            fixture.given(Bookings.disputed())
                   .when(new ResolveDispute(ID, DisputeOutcome.REFUND, null))
                   .expectEvents(new DisputeResolved(ID, DisputeOutcome.REFUND, usd(3000), usd(0), usd(0)),
                           Bookings.fullRefundRequested("dispute resolved: refund"));
        }

        @Test
        void a_partial_refund_of_10_dollars_on_30_refunds_10_and_releases_the_rest_at_the_booked_rate() {
            fixture.given(Bookings.disputed())
                   .andGivenCurrentTime(resolvedAt)
                   .when(new ResolveDispute(ID, DisputeOutcome.PARTIAL_REFUND, usd(1000)))
                   .expectEvents(
                           new DisputeResolved(ID, DisputeOutcome.PARTIAL_REFUND, usd(1000), usd(1800), usd(200)),
                           new RefundRequested(ID, CUSTOMER, PROVIDER, usd(1000), usd(900), usd(100),
                                   PaymentSource.CARD, PI, 1, "dispute resolved: partial refund"),
                           new EscrowReleased(ID, PROVIDER, usd(1800), usd(200), false, resolvedAt));
        }

        @Test
        void a_partial_refund_rounds_the_kept_fee_half_up_and_the_parts_still_add_up() {
            // $10.05 at 10 % (fee 101, provider 904); refund 5 → kept 1000: fee 100, provider 900;
            // reversed: provider 4, fee 1 (4 + 1 = 5)
            fixture.given(with(List.of(Bookings.bookingRequested(1005, 101, PaymentSource.CARD)),
                           Bookings.intentAttached(PI),
                           new PaymentCaptured(ID, CUSTOMER, PROVIDER, PI, CHARGE, usd(1005), PaymentSource.CARD,
                                   PAID_AT),
                           new FundsHeld(ID, PROVIDER, usd(904), usd(101), RELEASE_AT),
                           new DisputeOpened(ID, CUSTOMER, "late", null)))
                   .andGivenCurrentTime(resolvedAt)
                   .when(new ResolveDispute(ID, DisputeOutcome.PARTIAL_REFUND, usd(5)))
                   .expectEvents(
                           new DisputeResolved(ID, DisputeOutcome.PARTIAL_REFUND, usd(5), usd(900), usd(100)),
                           new RefundRequested(ID, CUSTOMER, PROVIDER, usd(5), usd(4), usd(1), PaymentSource.CARD,
                                   PI, 1, "dispute resolved: partial refund"),
                           new EscrowReleased(ID, PROVIDER, usd(900), usd(100), false, resolvedAt));
        }

        @Test
        void a_partial_refund_of_the_whole_amount_is_a_validation_error() {
            refused(Bookings.disputed(), new ResolveDispute(ID, DisputeOutcome.PARTIAL_REFUND, usd(3000)),
                    VALIDATION_ERROR);
        }

        @Test
        void a_partial_refund_above_the_amount_is_a_validation_error() {
            refused(Bookings.disputed(), new ResolveDispute(ID, DisputeOutcome.PARTIAL_REFUND, usd(3001)),
                    VALIDATION_ERROR);
        }

        @Test
        void a_partial_refund_of_zero_is_a_validation_error() {
            refused(Bookings.disputed(), new ResolveDispute(ID, DisputeOutcome.PARTIAL_REFUND, usd(0)),
                    VALIDATION_ERROR);
        }

        @Test
        void a_negative_partial_refund_is_a_validation_error() {
            refused(Bookings.disputed(), new ResolveDispute(ID, DisputeOutcome.PARTIAL_REFUND, usd(-100)),
                    VALIDATION_ERROR);
        }

        @Test
        void a_partial_refund_without_an_amount_is_a_validation_error() {
            refused(Bookings.disputed(), new ResolveDispute(ID, DisputeOutcome.PARTIAL_REFUND, null),
                    VALIDATION_ERROR);
        }

        @Test
        void a_partial_refund_in_another_currency_is_a_validation_error() {
            refused(Bookings.disputed(),
                    new ResolveDispute(ID, DisputeOutcome.PARTIAL_REFUND, io.settle.api.Money.of(1000, "eur")),
                    VALIDATION_ERROR);
        }

        @Test
        void a_booking_that_is_not_disputed_cannot_be_resolved() {
            refused(Bookings.paid(), new ResolveDispute(ID, DisputeOutcome.RELEASE, null), INVALID_STATE);
        }

        @Test
        void resolving_with_release_twice_changes_nothing() {
            ignored(with(Bookings.disputed(),
                            new DisputeResolved(ID, DisputeOutcome.RELEASE, usd(0), usd(2700), usd(300)),
                            new EscrowReleased(ID, PROVIDER, usd(2700), usd(300), false, resolvedAt)),
                    new ResolveDispute(ID, DisputeOutcome.RELEASE, null));
        }

        @Test
        void resolving_with_refund_twice_changes_nothing() {
            ignored(with(Bookings.disputed(),
                            new DisputeResolved(ID, DisputeOutcome.REFUND, usd(3000), usd(0), usd(0)),
                            Bookings.fullRefundRequested("dispute resolved: refund")),
                    new ResolveDispute(ID, DisputeOutcome.REFUND, null));
        }
    }

    @Nested
    class ReleasingEscrow {

        @Test
        void the_release_deadline_releases_the_provider_share_and_the_fee() {
            fixture.given(Bookings.paid())
                   .andGivenCurrentTime(RELEASE_AT)
                   .when(new ReleaseEscrow(ID, false))
                   .expectEvents(new EscrowReleased(ID, PROVIDER, usd(2700), usd(300), false, RELEASE_AT));
        }

        @Test
        void an_admin_may_release_early() {
            Instant early = PAID_AT.plus(Duration.ofHours(1));
            fixture.given(Bookings.paid())
                   .andGivenCurrentTime(early)
                   .when(new ReleaseEscrow(ID, true))
                   .expectEvents(new EscrowReleased(ID, PROVIDER, usd(2700), usd(300), true, early));
        }

        @Test
        void a_completed_session_is_released() {
            fixture.given(Bookings.completed())
                   .andGivenCurrentTime(RELEASE_AT)
                   .when(new ReleaseEscrow(ID, false))
                   .expectEvents(new EscrowReleased(ID, PROVIDER, usd(2700), usd(300), false, RELEASE_AT));
        }

        @Test
        void releasing_twice_changes_nothing() {
            ignored(Bookings.released(), new ReleaseEscrow(ID, false));
        }

        @Test
        void a_disputed_booking_is_not_released() {
            refused(Bookings.disputed(), new ReleaseEscrow(ID, false), INVALID_STATE);
        }

        @Test
        void an_unpaid_booking_cannot_be_released() {
            refused(Bookings.awaitingPayment(), new ReleaseEscrow(ID, true), INVALID_STATE);
        }

        @Test
        void a_cancelled_booking_cannot_be_released() {
            refused(Bookings.cancelledAfterPayment(), new ReleaseEscrow(ID, false), INVALID_STATE);
        }
    }

    @Nested
    class ConfirmingARefund {

        private final Instant refundedAt = PAID_AT.plus(Duration.ofDays(1));

        @Test
        void a_confirmed_full_refund_refunds_the_booking() {
            fixture.given(Bookings.cancelledAfterPayment())
                   .andGivenCurrentTime(refundedAt)
                   .when(new ConfirmRefund(ID, usd(3000), "re_1"))
                   .expectEvents(new BookingRefunded(ID, CUSTOMER, PaymentSource.CARD, usd(3000), usd(3000), false,
                           "re_1", refundedAt));
        }

        @Test
        void a_confirmation_of_less_than_requested_waits_for_the_rest() {
            ignored(Bookings.cancelledAfterPayment(), new ConfirmRefund(ID, usd(1000), "re_1"));
        }

        @Test
        void a_confirmed_partial_dispute_refund_refunds_the_booking_partially() {
            fixture.given(Bookings.partiallyRefundedByDispute())
                   .andGivenCurrentTime(refundedAt)
                   .when(new ConfirmRefund(ID, usd(1000), "re_1"))
                   .expectEvents(new BookingRefunded(ID, CUSTOMER, PaymentSource.CARD, usd(1000), usd(1000), true,
                           "re_1", refundedAt));
        }

        @Test
        void confirming_twice_changes_nothing() {
            ignored(with(Bookings.cancelledAfterPayment(),
                            new BookingRefunded(ID, CUSTOMER, PaymentSource.CARD, usd(3000), usd(3000), false, "re_1",
                                    refundedAt)),
                    new ConfirmRefund(ID, usd(3000), "re_1"));
        }

        @Test
        void a_refund_that_was_never_requested_cannot_be_confirmed() {
            refused(Bookings.paid(), new ConfirmRefund(ID, usd(3000), "re_1"), INVALID_STATE);
        }
    }

    @Nested
    class FailingARefund {

        @Test
        void a_failed_refund_records_the_outstanding_amount() {
            fixture.given(Bookings.cancelledAfterPayment())
                   .when(new FailRefund(ID, "PERMANENT charge_disputed: no", 3))
                   .expectEvents(new RefundFailed(ID, usd(3000), "PERMANENT charge_disputed: no", 3));
        }

        @Test
        void a_failure_after_the_refund_was_confirmed_changes_nothing() {
            ignored(with(Bookings.cancelledAfterPayment(),
                            new BookingRefunded(ID, CUSTOMER, PaymentSource.CARD, usd(3000), usd(3000), false, "re_1",
                                    PAID_AT)),
                    new FailRefund(ID, "late", 3));
        }

        @Test
        void a_failure_without_a_requested_refund_changes_nothing() {
            ignored(Bookings.paid(), new FailRefund(ID, "stray", 1));
        }

        @Test
        void failing_a_refund_twice_changes_nothing() {
            ignored(with(Bookings.cancelledAfterPayment(), new RefundFailed(ID, usd(3000), "PERMANENT: no", 3)),
                    new FailRefund(ID, "PERMANENT: no", 3));
        }
    }
}
