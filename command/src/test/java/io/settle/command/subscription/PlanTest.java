package io.settle.command.subscription;

import static io.settle.command.support.Violations.violation;

import io.settle.api.DomainRuleViolation;
import io.settle.api.Money;
import io.settle.api.subscription.BillingInterval;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.PlanCommands.ArchivePlan;
import io.settle.api.subscription.PlanCommands.CreatePlan;
import io.settle.api.subscription.PlanCommands.UpdatePlan;
import io.settle.api.subscription.PlanEvents.PlanArchived;
import io.settle.api.subscription.PlanEvents.PlanCreated;
import io.settle.api.subscription.PlanEvents.PlanUpdated;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanTest {

    static final String PLAN = "plan_gold";
    static final String PROVIDER = "mentor_1";
    static final Money FIVE = Money.of(500, "usd");

    private FixtureConfiguration<Plan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
    }

    static CreatePlan fanTier() {
        return new CreatePlan(PLAN, PROVIDER, PlanAudience.FAN, "Gold", "Weekly Q&A", FIVE, BillingInterval.month, 0,
                List.of("qa"), null, "prod_1", "price_1");
    }

    static PlanCreated fanTierCreated() {
        return new PlanCreated(PLAN, PROVIDER, PlanAudience.FAN, "Gold", "Weekly Q&A", FIVE, BillingInterval.month, 0,
                List.of("qa"), null, "prod_1", "price_1");
    }

    @Test
    void createsAPlan() {
        fixture.givenNoPriorActivity().when(fanTier()).expectEvents(fanTierCreated());
    }

    @Test
    void creatingAgainIsANoOp() {
        fixture.given(fanTierCreated()).when(fanTier()).expectNoEvents();
    }

    @Test
    void aProviderTierNeedsACommission() {
        fixture.givenNoPriorActivity()
                .when(new CreatePlan("plan_t", "platform", PlanAudience.PROVIDER_TIER, "Entry", null,
                        Money.of(2900, "usd"), BillingInterval.month, 0, List.of(), null, null, null))
                .expectException(DomainRuleViolation.class)
                .expectException(violation(DomainRuleViolation.VALIDATION_ERROR));
    }

    @Test
    void onlyProviderTiersCarryACommission() {
        fixture.givenNoPriorActivity()
                .when(new CreatePlan(PLAN, PROVIDER, PlanAudience.FAN, "Gold", null, FIVE, BillingInterval.month, 0,
                        List.of(), 1000, null, null))
                .expectException(violation(DomainRuleViolation.VALIDATION_ERROR));
    }

    @Test
    void aNegativePriceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreatePlan(PLAN, PROVIDER, PlanAudience.FAN, "Gold", null, Money.of(-1, "usd"),
                        BillingInterval.month, 0, List.of(), null, null, null))
                .expectException(violation(DomainRuleViolation.VALIDATION_ERROR));
    }

    @Test
    void aPriceChangeBringsANewStripePrice() {
        fixture.given(fanTierCreated())
                .when(new UpdatePlan(PLAN, PROVIDER, false, "Gold+", List.of("qa", "dm"), Money.of(700, "usd"), "price_2"))
                .expectEvents(new PlanUpdated(PLAN, "Gold+", List.of("qa", "dm"), Money.of(700, "usd"), "price_2"));
    }

    @Test
    void aRenameKeepsThePrice() {
        fixture.given(fanTierCreated())
                .when(new UpdatePlan(PLAN, PROVIDER, false, "Platinum", null, null, null))
                .expectEvents(new PlanUpdated(PLAN, "Platinum", List.of("qa"), FIVE, "price_1"));
    }

    @Test
    void anUnchangedUpdateIsANoOp() {
        fixture.given(fanTierCreated())
                .when(new UpdatePlan(PLAN, PROVIDER, false, "Gold", List.of("qa"), FIVE, "price_ignored"))
                .expectNoEvents();
    }

    @Test
    void onlyTheOwnerOrAnAdminMayUpdate() {
        fixture.given(fanTierCreated())
                .when(new UpdatePlan(PLAN, "someone_else", false, "Mine", null, null, null))
                .expectException(violation(DomainRuleViolation.WRONG_PARTY));
        fixture.given(fanTierCreated())
                .when(new UpdatePlan(PLAN, "admin_1", true, "Renamed", null, null, null))
                .expectEvents(new PlanUpdated(PLAN, "Renamed", List.of("qa"), FIVE, "price_1"));
    }

    @Test
    void archivesOnceAndThenRefusesUpdates() {
        fixture.given(fanTierCreated()).when(new ArchivePlan(PLAN, PROVIDER, false)).expectEvents(new PlanArchived(PLAN));
        fixture.given(fanTierCreated(), new PlanArchived(PLAN)).when(new ArchivePlan(PLAN, PROVIDER, false))
                .expectNoEvents();
        fixture.given(fanTierCreated(), new PlanArchived(PLAN))
                .when(new UpdatePlan(PLAN, PROVIDER, false, "Again", null, null, null))
                .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }

    @Test
    void archivingNeedsTheOwner() {
        fixture.given(fanTierCreated()).when(new ArchivePlan(PLAN, "someone_else", false))
                .expectException(violation(DomainRuleViolation.WRONG_PARTY));
    }
}
