package io.settle.saga.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.settle.api.DomainRuleViolation;
import io.settle.api.Money;
import io.settle.api.payout.PayoutCommands.FailPayout;
import io.settle.api.payout.PayoutCommands.RecordBankPayout;
import io.settle.api.payout.PayoutCommands.RecordPayoutTransfer;
import io.settle.api.payout.PayoutEvents.BankPayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutCanceled;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.payout.PayoutEvents.PayoutTransferReversed;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentGatewayException.Kind;
import io.settle.saga.payout.ConnectGateway.BankPayout;
import io.settle.saga.payout.ConnectGateway.CreatePayout;
import io.settle.saga.payout.ConnectGateway.CreateTransfer;
import io.settle.saga.payout.ConnectGateway.Transfer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class PayoutSagaTest {

    private static final String RETRY = "payout-retry";
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);
    private static final String PAYOUT = "po_1";
    private static final String PROVIDER = "provider-1";
    private static final String WALLET = PROVIDER + ":usd";
    private static final String ACCOUNT = "acct_1";
    private static final String BOOKING = "bk_1";
    private static final String CHARGE = "ch_1";
    private static final Money AMOUNT = Money.of(2700, "usd");
    private static final Map<String, String> METADATA =
            Map.of("payout_id", PAYOUT, "wallet_id", WALLET, "user_id", PROVIDER);
    private static final CreateTransfer TRANSFER_REQUEST = new CreateTransfer(ACCOUNT, 2700, "usd", "payout:" + PAYOUT,
            CHARGE, METADATA, "payout:" + PAYOUT + ":transfer");
    private static final CreatePayout PAYOUT_REQUEST =
            new CreatePayout(ACCOUNT, 2700, "usd", METADATA, "payout:" + PAYOUT + ":payout");
    private static final Transfer TRANSFER = new Transfer("tr_1", ACCOUNT, 2700, "usd", "payout:" + PAYOUT, METADATA);
    private static final BankPayout BANK_PAYOUT = new BankPayout("po_stripe_1", "pending");

    private SagaTestFixture<PayoutSaga> fixture;
    private ConnectGateway connect;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(PayoutSaga.class);
        connect = mock(ConnectGateway.class);
        FundingCharges charges = bookingId -> BOOKING.equals(bookingId) ? Optional.of(CHARGE) : Optional.empty();
        fixture.registerResource(connect);
        fixture.registerResource(charges);
        fixture.registerResource(new PayoutRetryPolicy(3, ONE_MINUTE));
    }

    private static PayoutRequested requested() {
        return new PayoutRequested(WALLET, PROVIDER, PAYOUT, AMOUNT, ACCOUNT, BOOKING);
    }

    private static PaymentGatewayException timeout() {
        return new PaymentGatewayException(Kind.TRANSIENT, null, "read timed out");
    }

    @Test
    void success_transfers_with_the_funding_charge_then_pays_out_from_the_connected_account() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.givenCurrentTime(NOW)
               .whenPublishingA(requested())
               .expectDispatchedCommands(new RecordPayoutTransfer(WALLET, PAYOUT, "tr_1"),
                       new RecordBankPayout(WALLET, PAYOUT, "po_stripe_1"))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(1);
        verify(connect).createTransfer(TRANSFER_REQUEST);
        verify(connect).createPayout(PAYOUT_REQUEST);
        verify(connect, never()).findTransfer(anyString(), anyString());
    }

    @Test
    void payout_paid_ends_the_saga() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.andThenAPublished(requested())
               .whenPublishingA(new PayoutPaid(WALLET, PROVIDER, PAYOUT, AMOUNT, "po_stripe_1"))
               .expectNoDispatchedCommands()
               .expectActiveSagas(0);
    }

    @Test
    void a_payout_without_a_single_funding_booking_has_no_source_transaction() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.whenPublishingA(new PayoutRequested(WALLET, PROVIDER, PAYOUT, AMOUNT, ACCOUNT, null));
        ArgumentCaptor<CreateTransfer> sent = ArgumentCaptor.forClass(CreateTransfer.class);
        verify(connect).createTransfer(sent.capture());
        assertThat(sent.getValue().sourceTransaction()).isNull();
    }

    @Test
    void a_transient_failure_before_the_transfer_is_retried_after_the_backoff_and_then_succeeds() {
        when(connect.createTransfer(any())).thenThrow(new PaymentGatewayException(Kind.TRANSIENT, null,
                "connection refused")).thenReturn(TRANSFER);
        when(connect.findTransfer(anyString(), anyString())).thenReturn(Optional.empty());
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenTimeElapses(ONE_MINUTE)
               .expectDispatchedCommands(new RecordPayoutTransfer(WALLET, PAYOUT, "tr_1"),
                       new RecordBankPayout(WALLET, PAYOUT, "po_stripe_1"));
        verify(connect, times(2)).createTransfer(TRANSFER_REQUEST);
    }

    @Test
    void the_first_retry_waits_the_base_delay_and_the_second_twice_that() {
        when(connect.createTransfer(any())).thenThrow(timeout());
        when(connect.findTransfer(anyString(), anyString())).thenReturn(Optional.empty());

        fixture.givenCurrentTime(NOW)
               .whenPublishingA(requested())
               .expectScheduledDeadlineWithName(ONE_MINUTE, RETRY);
        fixture.whenTimeElapses(ONE_MINUTE)
               .expectScheduledDeadlineWithName(Duration.ofMinutes(2), RETRY);
    }

    @Test
    void an_uncertain_transfer_found_at_stripe_is_used_and_never_sent_again() {
        when(connect.createTransfer(any())).thenThrow(timeout());
        when(connect.findTransfer("payout:" + PAYOUT, PAYOUT)).thenReturn(Optional.of(TRANSFER));
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenTimeElapses(ONE_MINUTE)
               .expectDispatchedCommands(new RecordPayoutTransfer(WALLET, PAYOUT, "tr_1"),
                       new RecordBankPayout(WALLET, PAYOUT, "po_stripe_1"));
        verify(connect, times(1)).createTransfer(any());
        InOrder order = inOrder(connect);
        order.verify(connect).createTransfer(TRANSFER_REQUEST);
        order.verify(connect).findTransfer("payout:" + PAYOUT, PAYOUT);
        order.verify(connect).createPayout(PAYOUT_REQUEST);
    }

    @Test
    void an_uncertain_transfer_not_found_at_stripe_is_sent_again_with_the_same_key() {
        when(connect.createTransfer(any())).thenThrow(timeout()).thenReturn(TRANSFER);
        when(connect.findTransfer(anyString(), anyString())).thenReturn(Optional.empty());
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenTimeElapses(ONE_MINUTE)
               .expectDispatchedCommands(new RecordPayoutTransfer(WALLET, PAYOUT, "tr_1"),
                       new RecordBankPayout(WALLET, PAYOUT, "po_stripe_1"));
        InOrder order = inOrder(connect);
        order.verify(connect).createTransfer(TRANSFER_REQUEST);
        order.verify(connect).findTransfer("payout:" + PAYOUT, PAYOUT);
        order.verify(connect).createTransfer(TRANSFER_REQUEST);
    }

    @Test
    void a_transient_failure_of_the_bank_payout_retries_only_the_payout() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenThrow(timeout()).thenReturn(BANK_PAYOUT);

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenTimeElapses(ONE_MINUTE)
               .expectDispatchedCommands(new RecordBankPayout(WALLET, PAYOUT, "po_stripe_1"));
        verify(connect, times(1)).createTransfer(any());
        verify(connect, never()).findTransfer(anyString(), anyString());
        verify(connect, times(2)).createPayout(PAYOUT_REQUEST);
    }

    @Test
    void a_permanent_transfer_failure_fails_the_payout_at_once() {
        when(connect.createTransfer(any())).thenThrow(new PaymentGatewayException(Kind.PERMANENT,
                "insufficient_capabilities_for_transfer", "Your destination account needs to have transfers enabled"));

        fixture.givenCurrentTime(NOW)
               .whenPublishingA(requested())
               .expectDispatchedCommands(new FailPayout(WALLET, PAYOUT, "insufficient_capabilities_for_transfer",
                       "Your destination account needs to have transfers enabled", 1))
               .expectNoScheduledDeadlines();
        verify(connect, never()).reverseTransfer(anyString(), anyString());
    }

    @Test
    void after_the_last_attempt_the_payout_fails_and_a_possibly_made_transfer_is_checked_first() {
        when(connect.createTransfer(any())).thenThrow(timeout());
        when(connect.findTransfer(anyString(), anyString())).thenReturn(Optional.empty());

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenTimeElapses(Duration.ofMinutes(3))
               .expectDispatchedCommands(new FailPayout(WALLET, PAYOUT, "TRANSIENT", "read timed out", 3))
               .expectNoScheduledDeadlines();
        verify(connect, times(3)).createTransfer(TRANSFER_REQUEST);
        verify(connect, never()).reverseTransfer(anyString(), anyString());
    }

    @Test
    void a_payout_that_exhausts_its_attempts_after_the_transfer_takes_the_transfer_back() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenThrow(timeout());

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenTimeElapses(Duration.ofMinutes(3))
               .expectDispatchedCommands(new FailPayout(WALLET, PAYOUT, "TRANSIENT", "read timed out", 3));
        verify(connect).reverseTransfer("tr_1", "payout:" + PAYOUT + ":reversal");
    }

    @Test
    void payout_failed_at_the_bank_after_the_transfer_reverses_it_then_returns_the_funds() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenPublishingA(new BankPayoutFailed(WALLET, PROVIDER, PAYOUT, "po_stripe_1", "account_closed",
                       "The bank account has been closed"))
               .expectDispatchedCommands(new FailPayout(WALLET, PAYOUT, "account_closed",
                       "the bank refused the payout: The bank account has been closed", 1));
        verify(connect).reverseTransfer("tr_1", "payout:" + PAYOUT + ":reversal");
    }

    @Test
    void payout_failed_ends_the_saga() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.andThenAPublished(requested())
               .whenPublishingA(new PayoutFailed(WALLET, PROVIDER, PAYOUT, AMOUNT, "account_closed", "closed", 1))
               .expectActiveSagas(0);
    }

    private static PayoutCanceled canceled() {
        return new PayoutCanceled(WALLET, PROVIDER, PAYOUT, AMOUNT, "canceled by an admin");
    }

    @Test
    void a_cancel_during_the_backoff_drops_the_pending_retry_and_no_transfer_is_attempted_afterwards() {
        when(connect.createTransfer(any())).thenThrow(new PaymentGatewayException(Kind.TRANSIENT, null,
                "connection refused"));
        when(connect.findTransfer(anyString(), anyString())).thenReturn(Optional.empty());

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenPublishingA(canceled())
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands()
               .expectActiveSagas(0);
        fixture.whenTimeElapses(Duration.ofMinutes(10))
               .expectNoDispatchedCommands();
        verify(connect, times(1)).createTransfer(any());
        verify(connect, never()).createPayout(any());
        verify(connect, never()).reverseTransfer(anyString(), anyString());
    }

    @Test
    void a_cancel_after_an_uncertain_attempt_reverses_the_transfer_stripe_turns_out_to_have_made() {
        when(connect.createTransfer(any())).thenThrow(timeout());
        when(connect.findTransfer("payout:" + PAYOUT, PAYOUT)).thenReturn(Optional.of(TRANSFER));

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenPublishingA(canceled())
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
        verify(connect).reverseTransfer("tr_1", "payout:" + PAYOUT + ":reversal");
        verify(connect, never()).createPayout(any());
    }

    @Test
    void a_transfer_made_while_the_payout_was_being_canceled_is_reversed_and_no_bank_payout_follows() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        fixture.setCallbackBehavior((command, metadata) -> {
            if (command instanceof RecordPayoutTransfer) {
                throw new DomainRuleViolation(DomainRuleViolation.PAYOUT_CANCELED, "payout was canceled");
            }
            return null;
        });

        fixture.givenCurrentTime(NOW)
               .whenPublishingA(requested())
               .expectDispatchedCommands(new RecordPayoutTransfer(WALLET, PAYOUT, "tr_1"))
               .expectNoScheduledDeadlines();
        verify(connect).reverseTransfer("tr_1", "payout:" + PAYOUT + ":reversal");
        verify(connect, never()).createPayout(any());
    }

    @Test
    void a_transfer_reversed_at_stripe_while_in_transit_fails_the_payout_without_reversing_again() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenPublishingA(new PayoutTransferReversed(WALLET, PROVIDER, PAYOUT, "tr_1", 2700,
                       "amount_reversed 2700 usd"))
               .expectDispatchedCommands(new FailPayout(WALLET, PAYOUT, "transfer_reversed",
                       "Stripe reversed transfer tr_1: amount_reversed 2700 usd", 1))
               .expectNoScheduledDeadlines();
        verify(connect, never()).reverseTransfer(anyString(), anyString());
    }

    @Test
    void a_transfer_reversed_during_the_backoff_of_the_bank_payout_drops_the_retry() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenThrow(timeout());

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .whenPublishingA(new PayoutTransferReversed(WALLET, PROVIDER, PAYOUT, "tr_1", 2700, null))
               .expectDispatchedCommands(new FailPayout(WALLET, PAYOUT, "transfer_reversed",
                       "Stripe reversed transfer tr_1", 1))
               .expectNoScheduledDeadlines();
    }

    @Test
    void the_sagas_own_reversal_reported_back_by_stripe_changes_nothing() {
        when(connect.createTransfer(any())).thenReturn(TRANSFER);
        when(connect.createPayout(any())).thenReturn(BANK_PAYOUT);

        fixture.givenCurrentTime(NOW)
               .andThenAPublished(requested())
               .andThenAPublished(new BankPayoutFailed(WALLET, PROVIDER, PAYOUT, "po_stripe_1", "account_closed",
                       "closed"))
               .whenPublishingA(new PayoutTransferReversed(WALLET, PROVIDER, PAYOUT, "tr_1", 2700, null))
               .expectNoDispatchedCommands();
    }
}
