package io.settle.saga.refund;

import static io.settle.saga.support.BookingHistory.BOOKING;
import static io.settle.saga.support.BookingHistory.CUSTOMER;
import static io.settle.saga.support.BookingHistory.CUSTOMER_WALLET;
import static io.settle.saga.support.BookingHistory.PAID_AT;
import static io.settle.saga.support.BookingHistory.PI;
import static io.settle.saga.support.BookingHistory.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.instanceOf;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.settle.api.booking.BookingCommands.ConfirmRefund;
import io.settle.api.booking.BookingCommands.FailRefund;
import io.settle.api.booking.PaymentSource;
import io.settle.api.wallet.WalletCommands.ReturnCredits;
import io.settle.saga.payment.CreateRefund;
import io.settle.saga.payment.PaymentGateway;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentGatewayException.Kind;
import io.settle.saga.payment.RefundResult;
import io.settle.saga.support.BookingHistory;
import java.time.Duration;
import java.util.Map;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class RefundSagaTest {

    private static final String RETRY = "refund-retry";
    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);
    private static final String KEY = "booking:" + BOOKING + ":refund:1";
    private static final CreateRefund EXPECTED_REFUND =
            new CreateRefund(PI, 3000, "requested_by_customer", Map.of("booking_id", BOOKING), KEY);
    private static final RefundResult PENDING = new RefundResult("re_1", "pending", 3000, "usd", null);

    private SagaTestFixture<RefundSaga> fixture;
    private PaymentGateway gateway;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RefundSaga.class);
        gateway = mock(PaymentGateway.class);
        fixture.registerResource(gateway);
        fixture.registerResource(new RefundRetryPolicy(3, ONE_MINUTE));
    }

    private static PaymentGatewayException timeout() {
        return new PaymentGatewayException(Kind.TRANSIENT, null, "read timed out");
    }

    @Test
    void a_credits_refund_returns_the_credits_and_confirms_without_calling_the_gateway() {
        fixture.givenCurrentTime(PAID_AT)
               .whenPublishingA(BookingHistory.fullRefundRequested(PaymentSource.CREDITS))
               .expectDispatchedCommands(
                       new ReturnCredits(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)),
                       new ConfirmRefund(BOOKING, usd(3000), "credits:" + BOOKING))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(1);
        verifyNoInteractions(gateway);
    }

    @Test
    void a_card_refund_calls_the_gateway_with_a_deterministic_idempotency_key_and_the_booking_id() {
        when(gateway.refund(any())).thenReturn(PENDING);

        fixture.givenCurrentTime(PAID_AT)
               .whenPublishingA(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .expectNoDispatchedCommands()
               .expectNoScheduledDeadlines()
               .expectActiveSagas(1);
        verify(gateway).refund(EXPECTED_REFUND);
    }

    @Test
    void a_partial_card_refund_asks_the_gateway_for_the_partial_amount_only() {
        when(gateway.refund(any())).thenReturn(PENDING);

        fixture.givenCurrentTime(PAID_AT)
               .whenPublishingA(BookingHistory.partialRefundRequested())
               .expectNoDispatchedCommands();
        verify(gateway).refund(new CreateRefund(PI, 1000, "requested_by_customer", Map.of("booking_id", BOOKING),
                KEY));
    }

    @Test
    void a_transient_failure_schedules_a_retry_after_one_minute() {
        when(gateway.refund(any())).thenThrow(timeout());

        fixture.givenCurrentTime(PAID_AT)
               .whenPublishingA(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .expectScheduledDeadlineWithName(PAID_AT.plus(ONE_MINUTE), RETRY)
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
    }

    @Test
    void a_second_transient_failure_backs_off_to_two_minutes() throws Exception {
        when(gateway.refund(any())).thenThrow(timeout());

        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .whenTimeElapses(ONE_MINUTE)
               .expectTriggeredDeadlinesWithName(RETRY)
               .expectScheduledDeadlineWithName(PAID_AT.plus(Duration.ofMinutes(3)), RETRY)
               .expectNoDispatchedCommands();
        verify(gateway, times(2)).refund(EXPECTED_REFUND);
    }

    @Test
    void a_retry_that_succeeds_schedules_nothing_more_and_waits_for_stripe_to_confirm() throws Exception {
        when(gateway.refund(any())).thenThrow(timeout()).thenReturn(PENDING);

        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .whenTimeElapses(ONE_MINUTE)
               .expectTriggeredDeadlinesWithName(RETRY)
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
        verify(gateway, times(2)).refund(EXPECTED_REFUND);
    }

    @Test
    void every_retry_reuses_the_same_idempotency_key() throws Exception {
        when(gateway.refund(any())).thenThrow(timeout());

        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .andThenTimeElapses(ONE_MINUTE)
               .whenTimeElapses(Duration.ofMinutes(2));
        ArgumentCaptor<CreateRefund> calls = ArgumentCaptor.forClass(CreateRefund.class);
        verify(gateway, times(3)).refund(calls.capture());
        assertThat(calls.getAllValues()).extracting(CreateRefund::idempotencyKey).containsOnly(KEY);
    }

    @Test
    void after_the_last_attempt_fails_the_refund_is_marked_failed() throws Exception {
        when(gateway.refund(any())).thenThrow(timeout());

        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .andThenTimeElapses(ONE_MINUTE)
               .whenTimeElapses(Duration.ofMinutes(2))
               // (the stub deadline manager keeps deadlines triggered in the given phase in its list)
               .expectTriggeredDeadlinesWithName(RETRY, RETRY)
               .expectDispatchedCommands(new FailRefund(BOOKING, "TRANSIENT: read timed out", 3))
               .expectNoScheduledDeadlines();
        verify(gateway, times(3)).refund(EXPECTED_REFUND);
    }

    @Test
    void a_permanent_failure_marks_the_refund_failed_at_once() {
        when(gateway.refund(any())).thenThrow(
                new PaymentGatewayException(Kind.PERMANENT, "charge_already_refunded", "already refunded"));

        fixture.givenCurrentTime(PAID_AT)
               .whenPublishingA(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .expectDispatchedCommands(
                       new FailRefund(BOOKING, "PERMANENT charge_already_refunded: already refunded", 1))
               .expectNoScheduledDeadlines();
        verify(gateway, times(1)).refund(EXPECTED_REFUND);
    }

    @Test
    void a_declined_refund_is_not_retried() {
        when(gateway.refund(any())).thenThrow(
                new PaymentGatewayException(Kind.DECLINED, "expired_or_canceled_card", "card expired"));

        fixture.givenCurrentTime(PAID_AT)
               .whenPublishingA(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .expectDispatchedCommands(
                       new FailRefund(BOOKING, "DECLINED expired_or_canceled_card: card expired", 1))
               .expectNoScheduledDeadlines();
    }

    @Test
    void a_refund_the_gateway_reports_as_failed_marks_the_refund_failed() {
        when(gateway.refund(any())).thenReturn(new RefundResult("re_1", "failed", 3000, "usd", "expired_or_canceled_card"));

        fixture.givenCurrentTime(PAID_AT)
               .whenPublishingA(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .expectDispatchedCommandsMatching(onlyA(FailRefund.class));
    }

    /** Exactly one dispatched command, of the given type (its text depends on the adapter's wording). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Matcher onlyA(Class<?> type) {
        return payloadsMatching(exactSequenceOf(instanceOf(type)));
    }

    @Test
    void booking_refunded_ends_the_saga_and_cancels_a_pending_retry() {
        when(gateway.refund(any())).thenThrow(timeout());

        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .whenPublishingA(BookingHistory.refunded(PaymentSource.CARD))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands();
    }

    @Test
    void refund_failed_ends_the_saga() {
        when(gateway.refund(any())).thenThrow(
                new PaymentGatewayException(Kind.PERMANENT, null, "no such charge"));

        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .whenPublishingA(BookingHistory.refundFailed())
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands();
    }

    @Test
    void a_credits_refund_ends_when_the_booking_is_refunded() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fullRefundRequested(PaymentSource.CREDITS))
               .whenPublishingA(BookingHistory.refunded(PaymentSource.CREDITS))
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }
}
