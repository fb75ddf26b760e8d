package io.settle.query.subscription;

import io.settle.api.Money;
import java.time.Instant;

public record SubscriptionView(String id, String subscriberId, String providerId, String audience, String planId,
                               String planName, Money price, String stripeSubscriptionId, String status,
                               Instant currentPeriodStart, Instant currentPeriodEnd, Instant trialEnd,
                               boolean cancelAtPeriodEnd, Instant graceUntil, Instant canceledAt, Instant createdAt,
                               String pendingPlanId, String pendingPlanName, Long pendingPriceAmount,
                               Instant pendingEffectiveAt) {
}
