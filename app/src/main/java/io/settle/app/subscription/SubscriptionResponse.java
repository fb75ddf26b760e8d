package io.settle.app.subscription;

import io.settle.api.Money;
import io.settle.query.subscription.SubscriptionView;
import java.time.Instant;

public record SubscriptionResponse(String id, String planId, String planName, String audience, String providerId,
                                   Money price, String status, Instant currentPeriodStart, Instant currentPeriodEnd,
                                   Instant trialEnd, boolean cancelAtPeriodEnd, Instant graceUntil,
                                   Instant canceledAt, PendingChange pendingChange) {

    /** A plan change (a downgrade) that takes effect when the current period ends. */
    public record PendingChange(String planId, String planName, Money price, Instant effectiveAt) {
    }

    static SubscriptionResponse of(SubscriptionView view) {
        PendingChange pending = view.pendingPlanId() == null ? null : new PendingChange(view.pendingPlanId(),
                view.pendingPlanName(), view.pendingPriceAmount() == null ? null
                        : Money.of(view.pendingPriceAmount(), view.price().currency()), view.pendingEffectiveAt());
        return new SubscriptionResponse(view.id(), view.planId(), view.planName(), view.audience(), view.providerId(),
                view.price(), view.status(), view.currentPeriodStart(), view.currentPeriodEnd(), view.trialEnd(),
                view.cancelAtPeriodEnd(), view.graceUntil(), view.canceledAt(), pending);
    }
}
