package io.settle.command.wallet;

import static io.settle.api.DomainRuleViolation.INSUFFICIENT_FUNDS;
import static io.settle.api.DomainRuleViolation.PAYOUT_CANCELED;
import static io.settle.api.DomainRuleViolation.PAYOUT_NOT_CANCELABLE;
import static io.settle.api.DomainRuleViolation.PAYOUT_NOT_FAILED;
import static io.settle.command.support.Violations.violation;
import static io.settle.command.wallet.Wallets.BOOKING;
import static io.settle.command.wallet.Wallets.PROVIDER;
import static io.settle.command.wallet.Wallets.PROVIDER_WALLET;
import static io.settle.command.wallet.Wallets.usd;

import io.settle.api.payout.PayoutCommands.CancelPayout;
import io.settle.api.payout.PayoutCommands.FailPayout;
import io.settle.api.payout.PayoutCommands.RecordPayoutTransfer;
import io.settle.api.payout.PayoutCommands.RequestPayout;
import io.settle.api.payout.PayoutCommands.ReportTransferReversed;
import io.settle.api.payout.PayoutCommands.RetryPayout;
import io.settle.api.payout.PayoutEvents.PayoutCanceled;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.payout.PayoutEvents.PayoutRetried;
import io.settle.api.payout.PayoutEvents.PayoutTransferReversed;
import io.settle.api.payout.PayoutEvents.PayoutTransferred;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletEvents.EarningReleased;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admin retry and cancel of payouts, as the Wallet decides them. */
class WalletPayoutActionsTest {

    private static final String PAYOUT = "po_1";
    private static final String RETRY = "po_retry";
    private static final String ACCOUNT = "acct_1";

    private FixtureConfiguration<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
    }

    private static Object[] releasedAndRequested() {
        return new Object[] {new EarningPending(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)),
                new EarningReleased(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)),
                new PayoutRequested(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), ACCOUNT, BOOKING)};
    }

    private static PayoutFailed failed() {
        return new PayoutFailed(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "account_closed", "closed", 1);
    }

    private static RetryPayout retry() {
        return new RetryPayout(PROVIDER_WALLET, PAYOUT, RETRY, usd(1000), ACCOUNT);
    }

    @Test
    void a_failed_payout_is_retried_as_a_new_payout_of_the_same_amount() {
        fixture.given(releasedAndRequested()).andGiven(failed())
               .when(retry())
               .expectEvents(new PayoutRetried(PROVIDER_WALLET, PROVIDER, PAYOUT, RETRY),
                       new PayoutRequested(PROVIDER_WALLET, PROVIDER, RETRY, usd(2700), ACCOUNT, null))
               .expectResultMessagePayload(usd(2700));
    }

    @Test
    void retrying_the_same_failed_payout_twice_answers_the_first_retry_and_reserves_once() {
        fixture.given(releasedAndRequested()).andGiven(failed(),
                        new PayoutRetried(PROVIDER_WALLET, PROVIDER, PAYOUT, RETRY),
                        new PayoutRequested(PROVIDER_WALLET, PROVIDER, RETRY, usd(2700), ACCOUNT, null))
               .when(new RetryPayout(PROVIDER_WALLET, PAYOUT, "po_other", usd(1000), ACCOUNT))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(usd(2700));
    }

    @Test
    void only_a_failed_payout_can_be_retried() {
        fixture.given(releasedAndRequested())
               .when(retry())
               .expectException(violation(PAYOUT_NOT_FAILED))
               .expectNoEvents();
        fixture.given(releasedAndRequested())
               .andGiven(new PayoutPaid(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "po_stripe_1"))
               .when(retry())
               .expectException(violation(PAYOUT_NOT_FAILED));
    }

    @Test
    void a_retry_follows_the_rules_of_a_manual_payout() {
        // the returned funds were paid out by another payout meanwhile
        fixture.given(releasedAndRequested()).andGiven(failed(),
                        new PayoutRequested(PROVIDER_WALLET, PROVIDER, "po_2", usd(2700), ACCOUNT, null))
               .when(retry())
               .expectException(violation(INSUFFICIENT_FUNDS))
               .expectNoEvents();
    }

    @Test
    void a_payout_without_a_transfer_is_canceled_and_its_funds_return_to_available() {
        fixture.given(releasedAndRequested())
               .when(new CancelPayout(PROVIDER_WALLET, PAYOUT, "wrong bank"))
               .expectEvents(new PayoutCanceled(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "wrong bank"));
        fixture.given(releasedAndRequested())
               .andGiven(new PayoutCanceled(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "wrong bank"))
               .when(new RequestPayout(PROVIDER_WALLET, PROVIDER, "po_2", null, usd(1000), ACCOUNT))
               .expectEvents(new PayoutRequested(PROVIDER_WALLET, PROVIDER, "po_2", usd(2700), ACCOUNT, null));
    }

    @Test
    void canceling_twice_is_a_no_op() {
        fixture.given(releasedAndRequested())
               .andGiven(new PayoutCanceled(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "wrong bank"))
               .when(new CancelPayout(PROVIDER_WALLET, PAYOUT, "again"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void a_payout_with_a_transfer_or_a_final_one_cannot_be_canceled() {
        fixture.given(releasedAndRequested())
               .andGiven(new PayoutTransferred(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "tr_1"))
               .when(new CancelPayout(PROVIDER_WALLET, PAYOUT, "too late"))
               .expectException(violation(PAYOUT_NOT_CANCELABLE))
               .expectNoEvents();
        fixture.given(releasedAndRequested()).andGiven(failed())
               .when(new CancelPayout(PROVIDER_WALLET, PAYOUT, "too late"))
               .expectException(violation(PAYOUT_NOT_CANCELABLE));
    }

    @Test
    void a_transfer_made_after_the_cancel_is_refused_and_a_late_failure_changes_nothing() {
        PayoutCanceled canceled = new PayoutCanceled(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "stop");
        fixture.given(releasedAndRequested()).andGiven(canceled)
               .when(new RecordPayoutTransfer(PROVIDER_WALLET, PAYOUT, "tr_1"))
               .expectException(violation(PAYOUT_CANCELED))
               .expectNoEvents();
        fixture.given(releasedAndRequested()).andGiven(canceled)
               .when(new FailPayout(PROVIDER_WALLET, PAYOUT, "TRANSIENT", "timeout", 3))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void a_reversed_transfer_is_recorded_once_for_an_open_payout_and_ignored_for_a_final_one() {
        PayoutTransferred transferred = new PayoutTransferred(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "tr_1");
        PayoutTransferReversed reversed = new PayoutTransferReversed(PROVIDER_WALLET, PROVIDER, PAYOUT, "tr_1", 2700,
                "dashboard");
        fixture.given(releasedAndRequested()).andGiven(transferred)
               .when(new ReportTransferReversed(PROVIDER_WALLET, PAYOUT, "tr_1", 2700, "dashboard"))
               .expectEvents(reversed);
        fixture.given(releasedAndRequested()).andGiven(transferred, reversed)
               .when(new ReportTransferReversed(PROVIDER_WALLET, PAYOUT, "tr_1", 2700, "again"))
               .expectNoEvents();
        fixture.given(releasedAndRequested()).andGiven(transferred, failed())
               .when(new ReportTransferReversed(PROVIDER_WALLET, PAYOUT, "tr_1", 2700, "ours"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }
}
