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
    void reversesACreditedInvoiceOnce() {
        SubscriptionEarningReversed reversed =
                new SubscriptionEarningReversed(WALLET, "mentor_1", "sub_1", "in_1", GROSS, FEE, NET);
        fixture.given(credited("in_1"))
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", GROSS, FEE))
                .expectEvents(reversed);
        fixture.given(credited("in_1"), reversed)
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_1", GROSS, FEE))
                .expectNoEvents();
    }

    @Test
    void cannotReverseWhatWasNeverCredited() {
        fixture.givenNoPriorActivity()
                .when(new ReverseSubscriptionEarning(WALLET, "mentor_1", "sub_1", "in_9", GROSS, FEE))
                .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }
}
