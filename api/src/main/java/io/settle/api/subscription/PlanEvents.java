package io.settle.api.subscription;

import io.settle.api.Money;
import java.util.List;

public final class PlanEvents {

    private PlanEvents() {
    }

    public record PlanCreated(String planId, String ownerId, PlanAudience audience, String name, String description,
                              Money price, BillingInterval interval, int trialDays, List<String> benefits,
                              Integer commissionBps, String stripeProductId, String stripePriceId) {
    }

    /** The plan as it is after the change (name, benefits, price, Stripe price). */
    public record PlanUpdated(String planId, String name, List<String> benefits, Money price, String stripePriceId) {
    }

    public record PlanArchived(String planId) {
    }
}
