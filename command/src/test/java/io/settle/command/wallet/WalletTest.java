package io.settle.command.wallet;

import static io.settle.api.DomainRuleViolation.INSUFFICIENT_CREDITS;
import static io.settle.api.DomainRuleViolation.VALIDATION_ERROR;
import static io.settle.command.support.Violations.violation;
import static io.settle.command.wallet.Wallets.BOOKING;
import static io.settle.command.wallet.Wallets.CUSTOMER;
import static io.settle.command.wallet.Wallets.CUSTOMER_WALLET;
import static io.settle.command.wallet.Wallets.OTHER_BOOKING;
import static io.settle.command.wallet.Wallets.PROVIDER;
import static io.settle.command.wallet.Wallets.PROVIDER_WALLET;
import static io.settle.command.wallet.Wallets.PURCHASE;
import static io.settle.command.wallet.Wallets.usd;

import io.settle.api.Money;
import io.settle.api.wallet.WalletCommands.AddCredits;
import io.settle.api.wallet.WalletCommands.RecordPendingEarning;
import io.settle.api.wallet.WalletCommands.ReleaseEarning;
import io.settle.api.wallet.WalletCommands.ReturnCredits;
import io.settle.api.wallet.WalletCommands.ReversePendingEarning;
import io.settle.api.wallet.WalletCommands.SpendCredits;
import io.settle.api.wallet.WalletEvents.CreditsAdded;
import io.settle.api.wallet.WalletEvents.CreditsReturned;
import io.settle.api.wallet.WalletEvents.CreditsSpent;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletEvents.EarningReleased;
import io.settle.api.wallet.WalletEvents.PendingEarningReversed;
import java.util.function.Function;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WalletTest {

    private FixtureConfiguration<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
    }

    @Nested
    class Earnings {

        @Test
        void a_first_pending_earning_opens_the_wallet() {
            fixture.givenNoPriorActivity()
                   .when(new RecordPendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new EarningPending(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)));
        }

        @Test
        void recording_the_same_booking_twice_changes_nothing() {
            fixture.given(Wallets.earningPending())
                   .when(new RecordPendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void another_booking_adds_its_own_pending_earning() {
            fixture.given(Wallets.earningPending())
                   .when(new RecordPendingEarning(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(4500)))
                   .expectEvents(new EarningPending(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, usd(4500)));
        }

        @Test
        void releasing_an_earning_makes_it_available() {
            fixture.given(Wallets.earningPending())
                   .when(new ReleaseEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
                   .expectEvents(new EarningReleased(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)));
        }

        @Test
        void releasing_the_same_booking_twice_changes_nothing() {
            fixture.given(Wallets.earningPending(), new EarningReleased(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
                   .when(new ReleaseEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void reversing_a_pending_earning_takes_it_back() {
            fixture.given(Wallets.earningPending())
                   .when(new ReversePendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(900)))
                   .expectEvents(new PendingEarningReversed(PROVIDER_WALLET, PROVIDER, BOOKING, usd(900)));
        }

        @Test
        void reversing_the_same_booking_twice_changes_nothing() {
            fixture.given(Wallets.earningPending(),
                           new PendingEarningReversed(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
                   .when(new ReversePendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void a_partial_refund_reverses_part_and_releases_the_rest_of_the_same_booking() {
            fixture.given(Wallets.earningPending(),
                           new PendingEarningReversed(PROVIDER_WALLET, PROVIDER, BOOKING, usd(900)))
                   .when(new ReleaseEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(1800)))
                   .expectEvents(new EarningReleased(PROVIDER_WALLET, PROVIDER, BOOKING, usd(1800)));
        }
    }

    @Nested
    class Credits {

        @Test
        void buying_credits_opens_the_wallet() {
            fixture.givenNoPriorActivity()
                   .when(new AddCredits(CUSTOMER_WALLET, CUSTOMER, PURCHASE, usd(5000)))
                   .expectEvents(new CreditsAdded(CUSTOMER_WALLET, CUSTOMER, PURCHASE, usd(5000)));
        }

        @Test
        void adding_the_same_purchase_twice_changes_nothing() {
            fixture.given(Wallets.creditsBought())
                   .when(new AddCredits(CUSTOMER_WALLET, CUSTOMER, PURCHASE, usd(5000)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void a_second_purchase_adds_more_credits() {
            fixture.given(Wallets.creditsBought())
                   .when(new AddCredits(CUSTOMER_WALLET, CUSTOMER, "purchase-2", usd(1000)))
                   .expectEvents(new CreditsAdded(CUSTOMER_WALLET, CUSTOMER, "purchase-2", usd(1000)));
        }

        @Test
        void spending_credits_pays_a_booking() {
            fixture.given(Wallets.creditsBought())
                   .when(new SpendCredits(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)))
                   .expectEvents(new CreditsSpent(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)));
        }

        @Test
        void the_whole_balance_may_be_spent() {
            fixture.given(Wallets.creditsBought())
                   .when(new SpendCredits(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(5000)))
                   .expectEvents(new CreditsSpent(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(5000)));
        }

        @Test
        void spending_for_the_same_booking_twice_changes_nothing() {
            fixture.given(Wallets.creditsBought(), Wallets.creditsSpent())
                   .when(new SpendCredits(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void spending_more_than_the_balance_is_refused_with_insufficient_credits() {
            fixture.given(Wallets.creditsBought())
                   .when(new SpendCredits(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(5001)))
                   .expectException(violation(INSUFFICIENT_CREDITS))
                   .expectNoEvents();
        }

        @Test
        void spending_what_another_booking_already_spent_is_refused() {
            // $50 bought, $30 spent on booking-1: $20 left, booking-2 costs $30
            fixture.given(Wallets.creditsBought(), Wallets.creditsSpent())
                   .when(new SpendCredits(CUSTOMER_WALLET, CUSTOMER, OTHER_BOOKING, usd(3000)))
                   .expectException(violation(INSUFFICIENT_CREDITS))
                   .expectNoEvents();
        }

        @Test
        void spending_from_a_wallet_that_never_had_credits_is_refused() {
            fixture.givenNoPriorActivity()
                   .when(new SpendCredits(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)))
                   .expectException(violation(INSUFFICIENT_CREDITS))
                   .expectNoEvents();
        }

        @Test
        void returning_credits_gives_a_refunded_booking_back() {
            fixture.given(Wallets.creditsBought(), Wallets.creditsSpent())
                   .when(new ReturnCredits(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)))
                   .expectEvents(new CreditsReturned(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)));
        }

        @Test
        void returning_credits_for_the_same_booking_twice_changes_nothing() {
            fixture.given(Wallets.creditsBought(), Wallets.creditsSpent(),
                           new CreditsReturned(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)))
                   .when(new ReturnCredits(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void returned_credits_can_be_spent_again() {
            // $50 − $30 + $30 returned = $50 available for a $50 booking
            fixture.given(Wallets.creditsBought(), Wallets.creditsSpent(),
                           new CreditsReturned(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000)))
                   .when(new SpendCredits(CUSTOMER_WALLET, CUSTOMER, OTHER_BOOKING, usd(5000)))
                   .expectEvents(new CreditsSpent(CUSTOMER_WALLET, CUSTOMER, OTHER_BOOKING, usd(5000)));
        }
    }

    static Stream<Arguments> everyCommandWithAnAmount() {
        Stream<Function<Money, Object>> commands = Stream.of(
                m -> new RecordPendingEarning(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, m),
                m -> new ReleaseEarning(PROVIDER_WALLET, PROVIDER, BOOKING, m),
                m -> new ReversePendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, m),
                m -> new AddCredits(PROVIDER_WALLET, PROVIDER, "purchase-9", m),
                m -> new SpendCredits(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, m),
                m -> new ReturnCredits(PROVIDER_WALLET, PROVIDER, BOOKING, m));
        return commands.flatMap(c -> Stream.of(
                Arguments.of(c.apply(usd(0))),
                Arguments.of(c.apply(usd(-100)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandWithAnAmount")
    void a_non_positive_amount_is_a_validation_error(Object command) {
        fixture.given(Wallets.earningPending())
               .when(command)
               .expectException(violation(VALIDATION_ERROR))
               .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandWithAnAmount")
    void a_non_positive_amount_on_a_new_wallet_is_a_validation_error(Object command) {
        fixture.givenNoPriorActivity()
               .when(command)
               .expectException(violation(VALIDATION_ERROR))
               .expectNoEvents();
    }

    @Test
    void an_amount_in_another_currency_than_the_wallet_is_a_validation_error() {
        fixture.given(Wallets.earningPending())
               .when(new RecordPendingEarning(PROVIDER_WALLET, PROVIDER, OTHER_BOOKING, Money.of(4500, "eur")))
               .expectException(violation(VALIDATION_ERROR))
               .expectNoEvents();
    }

    @Test
    void a_new_wallet_refuses_an_amount_in_another_currency_than_its_id() {
        fixture.givenNoPriorActivity()
               .when(new RecordPendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, Money.of(2700, "eur")))
               .expectException(violation(VALIDATION_ERROR))
               .expectNoEvents();
    }
}
