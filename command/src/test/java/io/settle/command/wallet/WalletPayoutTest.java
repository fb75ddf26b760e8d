package io.settle.command.wallet;

import static io.settle.api.DomainRuleViolation.BELOW_MINIMUM;
import static io.settle.api.DomainRuleViolation.INSUFFICIENT_FUNDS;
import static io.settle.api.DomainRuleViolation.INVALID_STATE;
import static io.settle.command.support.Violations.violation;
import static io.settle.command.wallet.Wallets.BOOKING;
import static io.settle.command.wallet.Wallets.OTHER_BOOKING;
import static io.settle.command.wallet.Wallets.PROVIDER;
import static io.settle.command.wallet.Wallets.PROVIDER_WALLET;
import static io.settle.command.wallet.Wallets.usd;

import io.settle.api.payout.PayoutCommands.ConfirmPayoutPaid;
import io.settle.api.payout.PayoutCommands.FailPayout;
import io.settle.api.payout.PayoutCommands.RecordBankPayout;
import io.settle.api.payout.PayoutCommands.RecordPayoutTransfer;
import io.settle.api.payout.PayoutCommands.ReportBankPayoutFailure;
import io.settle.api.payout.PayoutCommands.RequestPayout;
import io.settle.api.payout.PayoutEvents.BankPayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.payout.PayoutEvents.PayoutSentToBank;
import io.settle.api.payout.PayoutEvents.PayoutTransferred;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletEvents.EarningReleased;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WalletPayoutTest {

    private static final String PAYOUT = "po_1";
    private static final String ACCOUNT = "acct_1";

    private FixtureConfiguration<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
    }

    private static Object[] released(String booking, long cents) {
        return new Object[] {new EarningPending(PROVIDER_WALLET, PROVIDER, booking, usd(cents)),
                new EarningReleased(PROVIDER_WALLET, PROVIDER, booking, usd(cents))};
    }

    private static RequestPayout request(Long cents) {
        return new RequestPayout(PROVIDER_WALLET, PROVIDER, PAYOUT, cents == null ? null : usd(cents), usd(1000),
                ACCOUNT);
    }

    private static PayoutRequested requested(long cents, String funder) {
        return new PayoutRequested(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(cents), ACCOUNT, funder);
    }

    @Test
    void a_payout_covered_by_one_booking_names_it_as_the_funder() {
        fixture.given(released(BOOKING, 2700))
               .when(request(2000L))
               .expectEvents(requested(2000, BOOKING));
    }

    @Test
    void without_an_amount_everything_available_is_paid_out_and_two_bookings_name_no_funder() {
        fixture.given(released(BOOKING, 2700)).andGiven(released(OTHER_BOOKING, 4500))
               .when(request(null))
               .expectEvents(requested(7200, null))
               .expectResultMessagePayload(usd(7200));
    }

    @Test
    void requesting_the_same_payout_twice_reserves_once() {
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING))
               .when(request(2700L))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(usd(2700))
               .expectNoEvents();
    }

    @Test
    void more_than_available_is_insufficient_funds() {
        fixture.given(released(BOOKING, 2700))
               .when(request(2701L))
               .expectException(violation(INSUFFICIENT_FUNDS))
               .expectNoEvents();
    }

    @Test
    void reserved_money_is_not_available_for_a_second_payout() {
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING))
               .when(new RequestPayout(PROVIDER_WALLET, PROVIDER, "po_2", null, usd(1000), ACCOUNT))
               .expectException(violation(INSUFFICIENT_FUNDS));
    }

    @Test
    void an_empty_wallet_is_insufficient_funds() {
        fixture.givenNoPriorActivity()
               .when(request(null))
               .expectException(violation(INSUFFICIENT_FUNDS));
    }

    @Test
    void under_the_minimum_is_refused() {
        fixture.given(released(BOOKING, 2700))
               .when(request(999L))
               .expectException(violation(BELOW_MINIMUM))
               .expectNoEvents();
    }

    @Test
    void transfer_bank_payout_and_paid_are_recorded_once_each() {
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING))
               .when(new RecordPayoutTransfer(PROVIDER_WALLET, PAYOUT, "tr_1"))
               .expectEvents(new PayoutTransferred(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "tr_1"));
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING),
                        new PayoutTransferred(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "tr_1"))
               .when(new RecordPayoutTransfer(PROVIDER_WALLET, PAYOUT, "tr_1"))
               .expectNoEvents();
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING),
                        new PayoutTransferred(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "tr_1"))
               .when(new RecordBankPayout(PROVIDER_WALLET, PAYOUT, "po_stripe_1"))
               .expectEvents(new PayoutSentToBank(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "po_stripe_1"));
    }

    @Test
    void paid_may_arrive_before_our_own_records_and_only_counts_once() {
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING))
               .when(new ConfirmPayoutPaid(PROVIDER_WALLET, PAYOUT, "po_stripe_1"))
               .expectEvents(new PayoutPaid(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "po_stripe_1"));
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING),
                        new PayoutPaid(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "po_stripe_1"))
               .when(new ConfirmPayoutPaid(PROVIDER_WALLET, PAYOUT, "po_stripe_1"))
               .expectNoEvents();
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING),
                        new PayoutPaid(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "po_stripe_1"))
               .when(new RecordBankPayout(PROVIDER_WALLET, PAYOUT, "po_stripe_1"))
               .expectNoEvents();
    }

    @Test
    void a_failed_payout_returns_the_funds_which_can_be_paid_out_again() {
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING))
               .when(new FailPayout(PROVIDER_WALLET, PAYOUT, "account_closed", "bank said no", 1))
               .expectEvents(new PayoutFailed(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "account_closed",
                       "bank said no", 1));
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING),
                        new PayoutFailed(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "x", "y", 3))
               .when(new RequestPayout(PROVIDER_WALLET, PROVIDER, "po_2", null, usd(1000), ACCOUNT))
               .expectEvents(new PayoutRequested(PROVIDER_WALLET, PROVIDER, "po_2", usd(2700), ACCOUNT, null));
    }

    @Test
    void failing_twice_returns_the_funds_once_and_a_paid_payout_cannot_fail() {
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING),
                        new PayoutFailed(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "x", "y", 3))
               .when(new FailPayout(PROVIDER_WALLET, PAYOUT, "x", "y", 3))
               .expectNoEvents();
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING),
                        new PayoutPaid(PROVIDER_WALLET, PROVIDER, PAYOUT, usd(2700), "po_stripe_1"))
               .when(new FailPayout(PROVIDER_WALLET, PAYOUT, "x", "y", 3))
               .expectException(violation(INVALID_STATE));
    }

    @Test
    void a_bank_failure_is_reported_once_and_moves_no_money_by_itself() {
        BankPayoutFailed failed = new BankPayoutFailed(PROVIDER_WALLET, PROVIDER, PAYOUT, "po_stripe_1",
                "account_closed", "The bank account has been closed");
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING))
               .when(new ReportBankPayoutFailure(PROVIDER_WALLET, PAYOUT, "po_stripe_1", "account_closed",
                       "The bank account has been closed"))
               .expectEvents(failed);
        fixture.given(released(BOOKING, 2700)).andGiven(requested(2700, BOOKING), failed)
               .when(new ReportBankPayoutFailure(PROVIDER_WALLET, PAYOUT, "po_stripe_1", "account_closed", "again"))
               .expectNoEvents();
    }
}
