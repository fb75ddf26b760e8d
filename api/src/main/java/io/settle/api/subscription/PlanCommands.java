package io.settle.api.subscription;

import io.settle.api.Money;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the Plan aggregate. Plans owned by the platform have owner {@link #PLATFORM}. */
public final class PlanCommands {

    public static final String PLATFORM = "platform";

    private PlanCommands() {
    }

    /** Repeating it for an existing plan is a no-op (seeding relies on that). */
    public record CreatePlan(@TargetAggregateIdentifier String planId, String ownerId, PlanAudience audience,
                             String name, String description, Money price, BillingInterval interval, int trialDays,
                             List<String> benefits, Integer commissionBps, String stripeProductId,
                             String stripePriceId) {
    }

    /** Null fields stay as they are; a new price comes with the new Stripe price that mirrors it. */
    public record UpdatePlan(@TargetAggregateIdentifier String planId, String actorId, boolean actorIsAdmin,
                             String name, List<String> benefits, Money price, String stripePriceId) {
    }

    public record ArchivePlan(@TargetAggregateIdentifier String planId, String actorId, boolean actorIsAdmin) {
    }
}
