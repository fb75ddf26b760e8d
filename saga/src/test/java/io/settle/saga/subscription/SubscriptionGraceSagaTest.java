package io.settle.saga.subscription;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.SubscriptionCommands.ExpireGrace;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCanceled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPastDue;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionUpdated;
import io.settle.api.subscription.SubscriptionStatus;
import io.settle.saga.payment.PaymentGatewayException;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionGraceSagaTest {

    static final String SUB = "sub_1";
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final Duration GRACE = Duration.ofDays(7);
    static final String KEY = "subscription:sub_1:grace-cancel";

    private SagaTestFixture<SubscriptionGraceSaga> fixture;
    private BillingGateway billing;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(SubscriptionGraceSaga.class);
        billing = mock(BillingGateway.class);
        fixture.registerResource(billing);
    }

    private static SubscriptionPastDue pastDue() {
        return new SubscriptionPastDue(SUB, "fan_1", "sub_stripe_1", PlanAudience.CONSUMER, NOW.plus(GRACE));
    }

    private static SubscriptionUpdated updated(SubscriptionStatus status) {
        return new SubscriptionUpdated(SUB, status, NOW, NOW.plus(Duration.ofDays(30)), null, false);
    }

    @Test
    void pastDueSchedulesTheGraceDeadline() {
        fixture.givenCurrentTime(NOW).whenAggregate(SUB).publishes(pastDue())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(GRACE, SubscriptionGraceSaga.GRACE_DEADLINE)
                .expectNoDispatchedCommands();
    }

    @Test
    void graceExpiryCancelsAtStripeThenHere() {
        fixture.givenCurrentTime(NOW).andThenAggregate(SUB).published(pastDue())
                .whenTimeElapses(GRACE.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(SubscriptionGraceSaga.GRACE_DEADLINE)
                .expectDispatchedCommands(new ExpireGrace(SUB));
        verify(billing).cancelNow("sub_stripe_1", KEY);
    }

    @Test
    void aPaidInvoiceInTimeEndsTheSaga() {
        fixture.givenCurrentTime(NOW).andThenAggregate(SUB).published(pastDue())
                .whenAggregate(SUB).publishes(updated(SubscriptionStatus.ACTIVE))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void anotherPastDueUpdateKeepsTheDeadline() {
        fixture.givenCurrentTime(NOW).andThenAggregate(SUB).published(pastDue())
                .whenAggregate(SUB).publishes(updated(SubscriptionStatus.PAST_DUE))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(GRACE, SubscriptionGraceSaga.GRACE_DEADLINE);
    }

    @Test
    void aCancellationMeanwhileEndsTheSaga() {
        fixture.givenCurrentTime(NOW).andThenAggregate(SUB).published(pastDue())
                .whenAggregate(SUB).publishes(new SubscriptionCanceled(SUB, "fan_1", PlanAudience.CONSUMER, "x", NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        verify(billing, never()).cancelNow(anyString(), anyString());
    }

    @Test
    void alreadyGoneAtStripeStillCancelsHere() {
        when(billing.cancelNow("sub_stripe_1", KEY)).thenThrow(
                new PaymentGatewayException(PaymentGatewayException.Kind.PERMANENT, "resource_missing", "gone"));
        fixture.givenCurrentTime(NOW).andThenAggregate(SUB).published(pastDue())
                .whenTimeElapses(GRACE.plusSeconds(1))
                .expectDispatchedCommands(new ExpireGrace(SUB));
    }
}
