package io.settle.api.subscription;

import io.settle.api.Money;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands to the Subscription aggregate. Stripe Billing owns the billing cycle: {@link SyncSubscription}
 * carries Stripe's current view of the subscription (fetched on each webhook), the others record what
 * the subscriber asked for or what an invoice did. Every command is safe to repeat.
 */
public final class SubscriptionCommands {

    private SubscriptionCommands() {
    }

    /** Recorded once Stripe created the subscription; {@code providerId} is the provider the plan concerns. */
    public record StartSubscription(@TargetAggregateIdentifier String subscriptionId, String subscriberId,
                                    String planId, String planName, PlanAudience audience, String providerId,
                                    Money price, String stripeSubscriptionId, SubscriptionStatus status,
                                    Instant currentPeriodStart, Instant currentPeriodEnd, Instant trialEnd) {
    }

    /**
     * Stripe's current state; {@code gracePeriod} is how long a subscription that turns PAST_DUE may stay so,
     * counted from {@code observedAt}: when Stripe reported the state (the webhook event's {@code created}),
     * so a webhook delivered late does not lengthen the grace period. Null means now.
     */
    public record SyncSubscription(@TargetAggregateIdentifier String subscriptionId, SubscriptionStatus status,
                                   Instant currentPeriodStart, Instant currentPeriodEnd, Instant trialEnd,
                                   boolean cancelAtPeriodEnd, Duration gracePeriod, Instant observedAt) {

        public SyncSubscription(String subscriptionId, SubscriptionStatus status, Instant currentPeriodStart,
                                Instant currentPeriodEnd, Instant trialEnd, boolean cancelAtPeriodEnd,
                                Duration gracePeriod) {
            this(subscriptionId, status, currentPeriodStart, currentPeriodEnd, trialEnd, cancelAtPeriodEnd,
                    gracePeriod, null);
        }
    }

    public record ChangePlan(@TargetAggregateIdentifier String subscriptionId, String userId, String planId,
                             String planName, Money price) {
    }

    /**
     * A downgrade at period end: the plan changes when the current period ends (Stripe renews on the new
     * price). Scheduling the current plan again drops a pending change; a later schedule replaces it.
     */
    public record SchedulePlanChange(@TargetAggregateIdentifier String subscriptionId, String userId, String planId,
                                     String planName, Money price) {
    }

    public record CancelSubscription(@TargetAggregateIdentifier String subscriptionId, String userId,
                                     boolean atPeriodEnd, String reason) {
    }

    /** Only while a cancellation is scheduled and the period has not ended. */
    public record ReactivateSubscription(@TargetAggregateIdentifier String subscriptionId, String userId) {
    }

    /** {@code hostedInvoiceUrl} and {@code invoicePdf} as Stripe gives them (may be null). */
    public record RecordInvoicePaid(@TargetAggregateIdentifier String subscriptionId, String invoiceId, Money amount,
                                    Instant periodStart, Instant periodEnd, String hostedInvoiceUrl,
                                    String invoicePdf) {
    }

    public record RecordInvoicePaymentFailed(@TargetAggregateIdentifier String subscriptionId, String invoiceId,
                                             Money amount, String failureCode, String failureMessage,
                                             String hostedInvoiceUrl) {
    }

    /**
     * A refund of a paid invoice's charge. {@code refundedTotal} is Stripe's cumulative {@code amount_refunded}
     * of the charge, so a duplicate or an older event changes nothing and partial refunds add up;
     * {@code refundId} (the newest refund, if known) is kept for reference.
     */
    public record RecordInvoiceRefund(@TargetAggregateIdentifier String subscriptionId, String invoiceId,
                                      String chargeId, Money refundedTotal, String refundId) {
    }

    /** From the grace saga: cancels a subscription still PAST_DUE; anything else is left alone. */
    public record ExpireGrace(@TargetAggregateIdentifier String subscriptionId) {
    }
}
