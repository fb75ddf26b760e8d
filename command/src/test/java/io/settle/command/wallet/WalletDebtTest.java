package io.settle.command.wallet;

import static io.settle.api.DomainRuleViolation.INSUFFICIENT_FUNDS;
import static io.settle.command.support.Violations.violation;
import static io.settle.command.wallet.Wallets.BOOKING;
import static io.settle.command.wallet.Wallets.OTHER_BOOKING;
import static io.settle.command.wallet.Wallets.PROVIDER;
import static io.settle.command.wallet.Wallets.PROVIDER_WALLET;
import static io.settle.command.wallet.Wallets.usd;

import io.settle.api.payout.PayoutCommands.FailPayout;
import io.settle.api.payout.PayoutCommands.RequestPayout;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.wallet.WalletCommands.ReclaimEarning;
import io.settle.api.wallet.WalletCommands.ReleaseEarning;
import io.settle.api.wallet.WalletCommands.RestoreEarning;
import io.settle.api.wallet.WalletEvents.DebtSettled;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletEvents.EarningReclaimed;
import io.settle.api.wallet.WalletEvents.EarningReleased;
import io.settle.api.wallet.WalletEvents.EarningRestored;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Earnings taken back after release: available first, then a recoverable debt that later credits settle. */
class WalletDebtTest {

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

    /** $27 released and paid out: nothing available. */
    private static Object[] paidOut() {
        return new Object[] {new EarningPending(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)),
                new EarningReleased(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)),
                new PayoutRequested(PROVIDER_WALLET, PROVIDER, "po_1", usd(2700), ACCOUNT, BOOKING),
                new PayoutPaid(PROVIDER_WALLET, PROVIDER, "po_1", usd(2700), "po_stripe_1")};
    }

    private static ReclaimEarning reclaim(long cents) {
        return new ReclaimEarning(PROVIDER_WALLET, PROVIDER, BOOKING, "refund:1", usd(cents), "refund");
    }

    private static EarningReclaimed reclaimed(long cents, long fromAvailable, long toDebt) {
        return new EarningReclaimed(PROVIDER_WALLET, PROVIDER, BOOKING, "refund:1", usd(cents), usd(fromAvailable),
                usd(toDebt), "refund");
    }

    @Test
    void a_reclaim_covered_by_available_leaves_no_debt() {
        fixture.given(released(BOOKING, 2700))
               .when(reclaim(904))
               .expectEvents(reclaimed(904, 904, 0));
    }

    @Test
    void a_reclaim_beyond_available_becomes_debt_and_never_makes_available_negative() {
        fixture.given(paidOut())
               .when(reclaim(2700))
               .expectEvents(reclaimed(2700, 0, 2700));
        fixture.given(released(OTHER_BOOKING, 1000)).andGiven(paidOut())
               .when(reclaim(2700))
               .expectEvents(reclaimed(2700, 1000, 1700));
    }

    @Test
    void the_same_reclaim_applies_once() {
        fixture.given(paidOut()).andGiven(reclaimed(2700, 0, 2700))
               .when(reclaim(2700))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void the_next_release_settles_the_debt_first_and_only_the_rest_is_available() {
        fixture.given(paidOut()).andGiven(reclaimed(2700, 0, 2700),
                        new EarningPending(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(4500)))
               .when(new ReleaseEarning(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(4500)))
               .expectEvents(new EarningReleased(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(4500)),
                       new DebtSettled(PROVIDER_WALLET, PROVIDER, usd(2700), OTHER_BOOKING));
        // 4500 - 2700 = 1800 available afterwards, exactly
        fixture.given(paidOut()).andGiven(reclaimed(2700, 0, 2700),
                        new EarningPending(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(4500)),
                        new EarningReleased(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(4500)),
                        new DebtSettled(PROVIDER_WALLET, PROVIDER, usd(2700), OTHER_BOOKING))
               .when(new RequestPayout(PROVIDER_WALLET, PROVIDER, "po_2", null, usd(1000), ACCOUNT))
               .expectEvents(new PayoutRequested(PROVIDER_WALLET, PROVIDER, "po_2", usd(1800), ACCOUNT, OTHER_BOOKING));
    }

    @Test
    void a_smaller_release_settles_part_of_the_debt_and_leaves_nothing_available() {
        fixture.given(paidOut()).andGiven(reclaimed(2700, 0, 2700),
                        new EarningPending(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(900)))
               .when(new ReleaseEarning(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(900)))
               .expectEvents(new EarningReleased(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(900)),
                       new DebtSettled(PROVIDER_WALLET, PROVIDER, usd(900), OTHER_BOOKING));
    }

    @Test
    void payouts_are_refused_while_in_debt() {
        fixture.given(paidOut()).andGiven(reclaimed(2700, 0, 2700))
               .when(new RequestPayout(PROVIDER_WALLET, PROVIDER, "po_2", null, usd(1000), ACCOUNT))
               .expectException(violation(INSUFFICIENT_FUNDS))
               .expectNoEvents();
    }

    @Test
    void a_payout_that_fails_while_in_debt_settles_the_debt_with_the_returned_funds() {
        fixture.given(released(BOOKING, 2700))
               .andGiven(new PayoutRequested(PROVIDER_WALLET, PROVIDER, "po_1", usd(2700), ACCOUNT, BOOKING),
                       reclaimed(2700, 0, 2700))
               .when(new FailPayout(PROVIDER_WALLET, "po_1", "account_closed", "closed", 1))
               .expectEvents(new PayoutFailed(PROVIDER_WALLET, PROVIDER, "po_1", usd(2700), "account_closed", "closed", 1),
                       new DebtSettled(PROVIDER_WALLET, PROVIDER, usd(2700), "payout:po_1"));
    }

    @Test
    void a_restored_earning_pays_the_debt_back_first() {
        fixture.given(paidOut()).andGiven(reclaimed(2700, 0, 2700))
               .when(new RestoreEarning(PROVIDER_WALLET, PROVIDER, BOOKING, "refund:1", usd(2700)))
               .expectEvents(new EarningRestored(PROVIDER_WALLET, PROVIDER, BOOKING, "refund:1", usd(2700)),
                       new DebtSettled(PROVIDER_WALLET, PROVIDER, usd(2700), BOOKING));
        fixture.given(paidOut())
               .when(new RestoreEarning(PROVIDER_WALLET, PROVIDER, BOOKING, "refund:1", usd(2700)))
               .expectException(violation(io.settle.api.DomainRuleViolation.INVALID_STATE));
    }
}
