package io.settle.saga.subscription;

import java.time.Instant;
import java.util.Map;

/** A Stripe subscription as Stripe shows it now; {@code status} is Stripe's (trialing, active, past_due, ...). */
public record BillingSubscription(String id, String customerId, String status, String priceId,
                                  Instant currentPeriodStart, Instant currentPeriodEnd, Instant trialEnd,
                                  boolean cancelAtPeriodEnd, Map<String, String> metadata) {
}
