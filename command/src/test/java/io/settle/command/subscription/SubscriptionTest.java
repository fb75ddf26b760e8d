package io.settle.command.subscription;

import static io.settle.command.support.Violations.violation;

import io.settle.api.DomainRuleViolation;
import io.settle.api.Money;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.SubscriptionCommands.CancelSubscription;
import io.settle.api.subscription.SubscriptionCommands.ChangePlan;
import io.settle.api.subscription.SubscriptionCommands.ExpireGrace;
import io.settle.api.subscription.SubscriptionCommands.ReactivateSubscription;
import io.settle.api.subscription.SubscriptionCommands.RecordInvoicePaid;
import io.settle.api.subscription.SubscriptionCommands.RecordInvoicePaymentFailed;
import io.settle.api.subscription.SubscriptionCommands.StartSubscription;
import io.settle.api.subscription.SubscriptionCommands.SyncSubscription;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCanceled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCancellationScheduled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaid;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaymentFailed;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPastDue;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChanged;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionReactivated;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionStarted;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionUpdated;
import io.settle.api.subscription.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    static final String SUB = "sub_1";
    static final String FAN = "fan_1";
    static final String PROVIDER = "mentor_1";
    static final Money FIVE = Money.of(500, "usd");
    static final Duration GRACE = Duration.ofDays(7);

    private FixtureConfiguration<Subscription> fixture;
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private Instant now;
    private Instant periodStart;
    private Instant periodEnd;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
        now = NOW;
        periodStart = now.minus(Duration.ofDays(3));
        periodEnd = now.plus(Duration.ofDays(27));
    }

    private StartSubscription start() {
        return new StartSubscription(SUB, FAN, "plan_gold", "Gold", PlanAudience.FAN, PROVIDER, FIVE, "sub_stripe_1",
                SubscriptionStatus.ACTIVE, periodStart, periodEnd, null);
    }

    private SubscriptionStarted started() {
        return new SubscriptionStarted(SUB, FAN, "plan_gold", "Gold", PlanAudience.FAN, PROVIDER, FIVE, "sub_stripe_1",
                SubscriptionStatus.ACTIVE, periodStart, periodEnd, null);
    }

    private SyncSubscription sync(SubscriptionStatus status, boolean cancelAtPeriodEnd) {
        return new SyncSubscription(SUB, status, periodStart, periodEnd, null, cancelAtPeriodEnd, GRACE);
    }

    private SubscriptionUpdated updated(SubscriptionStatus status, boolean cancelAtPeriodEnd) {
        return new SubscriptionUpdated(SUB, status, periodStart, periodEnd, null, cancelAtPeriodEnd);
    }

    @Test
    void startsOnceOnly() {
        fixture.givenCurrentTime(NOW).when(start()).expectEvents(started());
        fixture.givenCurrentTime(NOW).andGiven(started()).when(start()).expectNoEvents();
    }

    @Test
    void startNeedsPlanAndSubscriber() {
        fixture.givenCurrentTime(NOW)
                .when(new StartSubscription(SUB, FAN, null, null, PlanAudience.FAN, PROVIDER, FIVE, null,
                        SubscriptionStatus.ACTIVE, null, null, null))
                .expectException(violation(DomainRuleViolation.VALIDATION_ERROR));
    }

    @Test
    void syncWithNothingNewIsANoOp() {
        fixture.givenCurrentTime(NOW).andGiven(started()).when(sync(SubscriptionStatus.ACTIVE, false)).expectNoEvents();
    }

    @Test
    void syncRecordsARenewedPeriod() {
        Instant nextEnd = periodEnd.plus(Duration.ofDays(30));
        fixture.givenCurrentTime(NOW).andGiven(started())
                .when(new SyncSubscription(SUB, SubscriptionStatus.ACTIVE, periodEnd, nextEnd, null, false, GRACE))
                .expectEvents(new SubscriptionUpdated(SUB, SubscriptionStatus.ACTIVE, periodEnd, nextEnd, null, false));
    }

    @Test
    void turningPastDueStartsTheGracePeriod() {
        fixture.givenCurrentTime(NOW).andGiven(started()).when(sync(SubscriptionStatus.PAST_DUE, false))
                .expectEvents(updated(SubscriptionStatus.PAST_DUE, false),
                        new SubscriptionPastDue(SUB, FAN, "sub_stripe_1", PlanAudience.FAN, now.plus(GRACE)));
    }

    @Test
    void stayingPastDueDoesNotRestartTheGracePeriod() {
        fixture.givenCurrentTime(NOW).andGiven(started(), updated(SubscriptionStatus.PAST_DUE, false))
                .when(new SyncSubscription(SUB, SubscriptionStatus.PAST_DUE, periodStart, periodEnd, null, true, GRACE))
                .expectEvents(updated(SubscriptionStatus.PAST_DUE, true));
    }

    @Test
    void syncToCanceledEndsIt() {
        fixture.givenCurrentTime(NOW).andGiven(started()).when(sync(SubscriptionStatus.CANCELED, false))
                .expectEvents(new SubscriptionCanceled(SUB, FAN, PlanAudience.FAN, "ended at Stripe", now));
    }

    @Test
    void nothingReopensACanceledSubscription() {
        SubscriptionCanceled canceled = new SubscriptionCanceled(SUB, FAN, PlanAudience.FAN, "x", now);
        fixture.givenCurrentTime(NOW).andGiven(started(), canceled).when(sync(SubscriptionStatus.ACTIVE, false)).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(started(), canceled).when(new ReactivateSubscription(SUB, FAN))
                .expectException(violation(DomainRuleViolation.INVALID_STATE));
        fixture.givenCurrentTime(NOW).andGiven(started(), canceled).when(new ChangePlan(SUB, FAN, "plan_x", "X", FIVE))
                .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }

    @Test
    void changesPlanOnce() {
        fixture.givenCurrentTime(NOW).andGiven(started()).when(new ChangePlan(SUB, FAN, "plan_platinum", "Platinum", Money.of(900, "usd")))
                .expectEvents(new SubscriptionPlanChanged(SUB, "plan_gold", "plan_platinum", "Platinum",
                        Money.of(900, "usd")));
        fixture.givenCurrentTime(NOW).andGiven(started()).when(new ChangePlan(SUB, FAN, "plan_gold", "Gold", FIVE)).expectNoEvents();
    }

    @Test
    void onlyTheSubscriberMayChangeIt() {
        fixture.givenCurrentTime(NOW).andGiven(started()).when(new ChangePlan(SUB, "intruder", "plan_platinum", "P", FIVE))
                .expectException(violation(DomainRuleViolation.NOT_A_PARTY));
        fixture.givenCurrentTime(NOW).andGiven(started()).when(new CancelSubscription(SUB, "intruder", true, null))
                .expectException(violation(DomainRuleViolation.NOT_A_PARTY));
        fixture.givenCurrentTime(NOW).andGiven(started()).when(new ReactivateSubscription(SUB, "intruder"))
                .expectException(violation(DomainRuleViolation.NOT_A_PARTY));
    }

    @Test
    void cancelsAtPeriodEndOnce() {
        fixture.givenCurrentTime(NOW).andGiven(started()).when(new CancelSubscription(SUB, FAN, true, "too expensive"))
                .expectEvents(new SubscriptionCancellationScheduled(SUB, "too expensive", periodEnd));
        fixture.givenCurrentTime(NOW).andGiven(started(), new SubscriptionCancellationScheduled(SUB, "x", periodEnd))
                .when(new CancelSubscription(SUB, FAN, true, "again")).expectNoEvents();
    }

    @Test
    void cancelsAtOnce() {
        fixture.givenCurrentTime(NOW).andGiven(started()).when(new CancelSubscription(SUB, FAN, false, "moving on"))
                .expectEvents(new SubscriptionCanceled(SUB, FAN, PlanAudience.FAN, "moving on", now));
        fixture.givenCurrentTime(NOW).andGiven(started(), new SubscriptionCanceled(SUB, FAN, PlanAudience.FAN, "x", now))
                .when(new CancelSubscription(SUB, FAN, false, "again")).expectNoEvents();
    }

    @Test
    void reactivatesAScheduledCancellationBeforeThePeriodEnds() {
        fixture.givenCurrentTime(NOW).andGiven(started(), new SubscriptionCancellationScheduled(SUB, "x", periodEnd))
                .when(new ReactivateSubscription(SUB, FAN)).expectEvents(new SubscriptionReactivated(SUB));
        fixture.givenCurrentTime(NOW).andGiven(started()).when(new ReactivateSubscription(SUB, FAN)).expectNoEvents();
    }

    @Test
    void cannotReactivateAfterThePeriodEnded() {
        Instant ended = now.minus(Duration.ofMinutes(1));
        fixture.givenCurrentTime(NOW).andGiven(new SubscriptionStarted(SUB, FAN, "plan_gold", "Gold", PlanAudience.FAN, PROVIDER, FIVE, "s",
                        SubscriptionStatus.ACTIVE, periodStart, ended, null),
                        new SubscriptionCancellationScheduled(SUB, "x", ended))
                .when(new ReactivateSubscription(SUB, FAN))
                .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }

    @Test
    void recordsEachPaidInvoiceOnce() {
        SubscriptionInvoicePaid paid = new SubscriptionInvoicePaid(SUB, FAN, PROVIDER, PlanAudience.FAN, "plan_gold",
                "in_1", FIVE, periodStart, periodEnd, now, "https://invoice/in_1", "https://pdf/in_1");
        RecordInvoicePaid record = new RecordInvoicePaid(SUB, "in_1", FIVE, periodStart, periodEnd,
                "https://invoice/in_1", "https://pdf/in_1");
        fixture.givenCurrentTime(NOW).andGiven(started()).when(record).expectEvents(paid);
        fixture.givenCurrentTime(NOW).andGiven(started(), paid).when(record).expectNoEvents();
    }

    @Test
    void recordsAFailedInvoiceOnceAndNotAfterItWasPaid() {
        SubscriptionInvoicePaymentFailed failed = new SubscriptionInvoicePaymentFailed(SUB, FAN, "in_2", FIVE,
                "generic_decline", "Your card was declined.", now, null);
        RecordInvoicePaymentFailed fail = new RecordInvoicePaymentFailed(SUB, "in_2", FIVE, "generic_decline",
                "Your card was declined.", null);
        fixture.givenCurrentTime(NOW).andGiven(started()).when(fail).expectEvents(failed);
        fixture.givenCurrentTime(NOW).andGiven(started(), failed).when(fail).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(started(), new SubscriptionInvoicePaid(SUB, FAN, PROVIDER, PlanAudience.FAN, "plan_gold", "in_2",
                FIVE, periodStart, periodEnd, now, null, null)).when(fail).expectNoEvents();
    }

    @Test
    void aNegativeInvoiceIsRefused() {
        fixture.givenCurrentTime(NOW).andGiven(started()).when(new RecordInvoicePaid(SUB, "in_3", Money.of(-5, "usd"), null, null, null, null))
                .expectException(violation(DomainRuleViolation.VALIDATION_ERROR));
    }

    @Test
    void graceExpiryCancelsOnlyWhatIsStillPastDue() {
        fixture.givenCurrentTime(NOW).andGiven(started(), updated(SubscriptionStatus.PAST_DUE, false)).when(new ExpireGrace(SUB))
                .expectEvents(new SubscriptionCanceled(SUB, FAN, PlanAudience.FAN, "grace period expired", now));
        fixture.givenCurrentTime(NOW).andGiven(started(), updated(SubscriptionStatus.PAST_DUE, false), updated(SubscriptionStatus.ACTIVE, false))
                .when(new ExpireGrace(SUB)).expectNoEvents();
    }

    // --- downgrades at period end ---

    private io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChangeScheduled scheduled() {
        return new io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChangeScheduled(SUB, "plan_gold",
                "plan_bronze", "Bronze", Money.of(200, "usd"), periodEnd);
    }

    @Test
    void aDowngradeIsScheduledForThePeriodEndOnce() {
        io.settle.api.subscription.SubscriptionCommands.SchedulePlanChange schedule =
                new io.settle.api.subscription.SubscriptionCommands.SchedulePlanChange(SUB, FAN, "plan_bronze",
                        "Bronze", Money.of(200, "usd"));
        fixture.givenCurrentTime(NOW).andGiven(started()).when(schedule).expectEvents(scheduled());
        fixture.givenCurrentTime(NOW).andGiven(started(), scheduled()).when(schedule).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(started()).when(
                new io.settle.api.subscription.SubscriptionCommands.SchedulePlanChange(SUB, "intruder", "plan_bronze",
                        "Bronze", Money.of(200, "usd")))
                .expectException(violation(DomainRuleViolation.NOT_A_PARTY));
    }

    @Test
    void theScheduledPlanTakesOverWhenThePeriodRenews() {
        Instant nextEnd = periodEnd.plus(Duration.ofDays(30));
        fixture.givenCurrentTime(NOW).andGiven(started(), scheduled())
                .when(new SyncSubscription(SUB, SubscriptionStatus.ACTIVE, periodEnd, nextEnd, null, false, GRACE))
                .expectEvents(new SubscriptionPlanChanged(SUB, "plan_gold", "plan_bronze", "Bronze", Money.of(200, "usd")),
                        new SubscriptionUpdated(SUB, SubscriptionStatus.ACTIVE, periodEnd, nextEnd, null, false));
        // within the period nothing changes
        fixture.givenCurrentTime(NOW).andGiven(started(), scheduled())
                .when(sync(SubscriptionStatus.ACTIVE, true))
                .expectEvents(updated(SubscriptionStatus.ACTIVE, true));
    }

    @Test
    void choosingTheCurrentPlanOrChangingNowDropsTheScheduledChange() {
        fixture.givenCurrentTime(NOW).andGiven(started(), scheduled())
                .when(new io.settle.api.subscription.SubscriptionCommands.SchedulePlanChange(SUB, FAN, "plan_gold",
                        "Gold", FIVE))
                .expectEvents(new io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChangeUnscheduled(SUB,
                        "plan_bronze"));
        fixture.givenCurrentTime(NOW).andGiven(started(), scheduled())
                .when(new ChangePlan(SUB, FAN, "plan_platinum", "Platinum", Money.of(900, "usd")))
                .expectEvents(new io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChangeUnscheduled(SUB,
                                "plan_bronze"),
                        new SubscriptionPlanChanged(SUB, "plan_gold", "plan_platinum", "Platinum", Money.of(900, "usd")));
        // after the renewal applied it, a later renewal does not apply it again
        Instant nextEnd = periodEnd.plus(Duration.ofDays(30));
        fixture.givenCurrentTime(NOW).andGiven(started(), scheduled(),
                        new SubscriptionPlanChanged(SUB, "plan_gold", "plan_bronze", "Bronze", Money.of(200, "usd")),
                        new SubscriptionUpdated(SUB, SubscriptionStatus.ACTIVE, periodEnd, nextEnd, null, false))
                .when(new SyncSubscription(SUB, SubscriptionStatus.ACTIVE, nextEnd, nextEnd.plus(Duration.ofDays(30)),
                        null, false, GRACE))
                .expectEvents(new SubscriptionUpdated(SUB, SubscriptionStatus.ACTIVE, nextEnd,
                        nextEnd.plus(Duration.ofDays(30)), null, false));
    }

    // --- the grace period counts from when Stripe reported the failure ---

    @Test
    void theGracePeriodCountsFromTheEventTimeNotFromALateDelivery() {
        Instant reported = NOW.minus(Duration.ofHours(5));
        fixture.givenCurrentTime(NOW).andGiven(started())
                .when(new SyncSubscription(SUB, SubscriptionStatus.PAST_DUE, periodStart, periodEnd, null, false, GRACE,
                        reported))
                .expectEvents(updated(SubscriptionStatus.PAST_DUE, false),
                        new SubscriptionPastDue(SUB, FAN, "sub_stripe_1", PlanAudience.FAN, reported.plus(GRACE)));
        // a reported time in the future (clock skew) is not trusted: now
        fixture.givenCurrentTime(NOW).andGiven(started())
                .when(new SyncSubscription(SUB, SubscriptionStatus.PAST_DUE, periodStart, periodEnd, null, false, GRACE,
                        NOW.plus(Duration.ofHours(1))))
                .expectEvents(updated(SubscriptionStatus.PAST_DUE, false),
                        new SubscriptionPastDue(SUB, FAN, "sub_stripe_1", PlanAudience.FAN, NOW.plus(GRACE)));
    }

    // --- refunds of paid invoices ---

    private SubscriptionInvoicePaid paid() {
        return new SubscriptionInvoicePaid(SUB, FAN, PROVIDER, PlanAudience.FAN, "plan_gold", "in_1", FIVE, periodStart,
                periodEnd, NOW, null, null);
    }

    @Test
    void refundsAddUpOnceEachAndNeverExceedTheInvoice() {
        io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoiceRefunded first =
                new io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoiceRefunded(SUB, FAN, PROVIDER,
                        PlanAudience.FAN, "plan_gold", "in_1", "ch_1", "re_1", Money.of(200, "usd"),
                        Money.of(200, "usd"), FIVE, NOW);
        fixture.givenCurrentTime(NOW).andGiven(started(), paid())
                .when(new io.settle.api.subscription.SubscriptionCommands.RecordInvoiceRefund(SUB, "in_1", "ch_1",
                        Money.of(200, "usd"), "re_1"))
                .expectEvents(first);
        fixture.givenCurrentTime(NOW).andGiven(started(), paid(), first)
                .when(new io.settle.api.subscription.SubscriptionCommands.RecordInvoiceRefund(SUB, "in_1", "ch_1",
                        Money.of(200, "usd"), "re_1"))
                .expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(started(), paid(), first)
                .when(new io.settle.api.subscription.SubscriptionCommands.RecordInvoiceRefund(SUB, "in_1", "ch_1",
                        Money.of(900, "usd"), "re_2"))
                .expectEvents(new io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoiceRefunded(SUB, FAN,
                        PROVIDER, PlanAudience.FAN, "plan_gold", "in_1", "ch_1", "re_2", Money.of(300, "usd"), FIVE,
                        FIVE, NOW));
    }

    @Test
    void aRefundOfAnInvoiceNotPaidHereWaits() {
        fixture.givenCurrentTime(NOW).andGiven(started())
                .when(new io.settle.api.subscription.SubscriptionCommands.RecordInvoiceRefund(SUB, "in_1", "ch_1",
                        Money.of(200, "usd"), "re_1"))
                .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }
}
