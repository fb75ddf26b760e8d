package io.settle.api.subscription;

import java.util.EnumSet;
import java.util.Set;

/** INCOMPLETE → TRIALING → ACTIVE → PAST_DUE (grace) → CANCELED. */
public enum SubscriptionStatus {
    INCOMPLETE, TRIALING, ACTIVE, PAST_DUE, CANCELED;

    /** Statuses that still grant the plan's benefits (past due is within its grace period). */
    public static final Set<SubscriptionStatus> LIVE = EnumSet.of(TRIALING, ACTIVE, PAST_DUE);

    public boolean live() {
        return LIVE.contains(this);
    }

    /** Stripe's subscription status: incomplete_expired, unpaid and canceled all end it. */
    public static SubscriptionStatus fromStripe(String status) {
        return switch (status) {
            case "trialing" -> TRIALING;
            case "active" -> ACTIVE;
            case "past_due" -> PAST_DUE;
            case "incomplete" -> INCOMPLETE;
            default -> CANCELED;
        };
    }
}
