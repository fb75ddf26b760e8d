package io.settle.command.wallet;

import static io.settle.command.support.Violations.violation;

import io.settle.api.DomainRuleViolation;
import io.settle.api.Money;
import io.settle.api.wallet.SubscriptionEarningCommands.CreditSubscriptionEarning;
import io.settle.api.wallet.SubscriptionEarningCommands.ReverseSubscriptionEarning;
import io.settle.api.wallet.SubscriptionEarningEvents.SubscriptionEarningCredited;
import io.settle.api.wallet.SubscriptionEarningEvents.SubscriptionEarningReversed;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionEarningTest {

    static final String WALLET = "mentor_1:usd";
    static final Money GROSS = Money.of(500, "usd");
    static final Money FEE = Money.of(100, "usd");
    static final Money NET = Money.of(400, "usd");

    private FixtureConfiguration<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
    }

    private static SubscriptionEarningCredited credited(String invoice) {
        return new SubscriptionEarningCredited(WALLET, "mentor_1", "sub_1", invoice, GROSS, FEE, NET);
    }

    @Test
    void creditsTheNetOncePerInvoice() {
        fixture.givenNoPriorActivity()
                .when(new CreditSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", GROSS, FEE))
                .expectEvents(credited("in_1"));
        fixture.given(credited("in_1"))
                .when(new CreditSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", GROSS, FEE))
                .expectNoEvents();
        fixture.given(credited("in_1"))
                .when(new CreditSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_2", GROSS, FEE))
                .expectEvents(credited("in_2"));
    }

    @Test
    void aFeeAboveTheInvoiceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreditSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", FEE, GROSS))
                .expectException(violation(DomainRuleViolation.VALIDATION_ERROR));
    }

    @Test
    void aFeeThatIsNotTheRatesShareIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreditSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", GROSS, FEE, 1000))
                .expectException(violation(DomainRuleViolation.VALIDATION_ERROR));
    }

    @Test
    void recordsTheCommissionRateOfTheInvoice() {
        fixture.givenNoPriorActivity()
                .when(new CreditSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", GROSS, FEE, 2000))
                .expectEvents(new SubscriptionEarningCredited(WALLET, "mentor_1", "sub_1", "in_1", GROSS, FEE, NET, 2000));
    }

    @Test
    void reversesAFullRefundOnceAndAnOlderEventChangesNothing() {
        SubscriptionEarningReversed reversed = new SubscriptionEarningReversed(WALLET, "mentor_1", "sub_1", "in_1",
                GROSS, FEE, NET, "re_1", GROSS);
        fixture.given(credited("in_1"))
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", GROSS, "re_1"))
                .expectEvents(reversed);
        fixture.given(credited("in_1"), reversed)
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", GROSS, "re_1"))
                .expectNoEvents();
        fixture.given(credited("in_1"), reversed)
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", Money.of(200, "usd"), "re_0"))
                .expectNoEvents();
    }

    @Test
    void partialRefundsAreReversedAtTheInvoicesRateAndSumToTheCredit() {
        // $9.99 at 15 %: fee 150 (149.85 rounded), net 849
        Money gross = Money.of(999, "usd");
        SubscriptionEarningCredited credited = new SubscriptionEarningCredited(WALLET, "mentor_1", "sub_1", "in_1",
                gross, Money.of(150, "usd"), Money.of(849, "usd"), 1500);
        // first $3.33: fee 3.33 × 15 % = 49.95 → 50, net 283
        SubscriptionEarningReversed first = new SubscriptionEarningReversed(WALLET, "mentor_1", "sub_1", "in_1",
                Money.of(333, "usd"), Money.of(50, "usd"), Money.of(283, "usd"), "re_1", Money.of(333, "usd"));
        fixture.given(credited)
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", Money.of(333, "usd"), "re_1"))
                .expectEvents(first);
        // then up to $6.66: fee on 666 = 99.9 → 100, so 50 more; net 283
        SubscriptionEarningReversed second = new SubscriptionEarningReversed(WALLET, "mentor_1", "sub_1", "in_1",
                Money.of(333, "usd"), Money.of(50, "usd"), Money.of(283, "usd"), "re_2", Money.of(666, "usd"));
        fixture.given(credited, first)
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", Money.of(666, "usd"), "re_2"))
                .expectEvents(second);
        // the rest: exactly what was left of the credit (fee 150 − 100, net 849 − 566)
        fixture.given(credited, first, second)
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", gross, "re_3"))
                .expectEvents(new SubscriptionEarningReversed(WALLET, "mentor_1", "sub_1", "in_1",
                        Money.of(333, "usd"), Money.of(50, "usd"), Money.of(283, "usd"), "re_3", gross));
        // a refund total above the invoice is capped at it
        fixture.given(credited, first)
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", Money.of(5000, "usd"), "re_9"))
                .expectEvents(new SubscriptionEarningReversed(WALLET, "mentor_1", "sub_1", "in_1",
                        Money.of(666, "usd"), Money.of(100, "usd"), Money.of(566, "usd"), "re_9", gross));
    }

    @Test
    void aReversalMayNotTakeMoreThanIsAvailable() {
        fixture.given(credited("in_1"), new io.settle.api.payout.PayoutEvents.PayoutRequested(WALLET,
                        "mentor_1", "po_1", Money.of(300, "usd"), "acct_1", null))
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", GROSS, "re_1"))
                .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }

    @Test
    void cannotReverseWhatWasNeverCredited() {
        fixture.givenNoPriorActivity()
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_9", GROSS, "re_1"))
                .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }
}
