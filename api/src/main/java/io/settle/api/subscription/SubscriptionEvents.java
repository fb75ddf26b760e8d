package io.settle.api.subscription;

import io.settle.api.Money;
import java.time.Instant;

public final class SubscriptionEvents {

    private SubscriptionEvents() {
    }

    public record SubscriptionStarted(String subscriptionId, String subscriberId, String planId, String planName,
                                      PlanAudience audience, String providerId, Money price,
                                      String stripeSubscriptionId, SubscriptionStatus status,
                                      Instant currentPeriodStart, Instant currentPeriodEnd, Instant trialEnd) {
    }

    /** Status, period or cancel-at-period-end as Stripe now has them. */
    public record SubscriptionUpdated(String subscriptionId, SubscriptionStatus status, Instant currentPeriodStart,
                                      Instant currentPeriodEnd, Instant trialEnd, boolean cancelAtPeriodEnd) {
    }

    /** A renewal failed; the grace saga cancels the subscription at {@code graceUntil} unless it is paid. */
    public record SubscriptionPastDue(String subscriptionId, String subscriberId, String stripeSubscriptionId,
                                      PlanAudience audience, Instant graceUntil) {
    }

    public record SubscriptionPlanChanged(String subscriptionId, String fromPlanId, String planId, String planName,
                                          Money price) {
    }

    /** A downgrade waiting for the period end; {@link SubscriptionPlanChanged} follows when the period renews. */
    public record SubscriptionPlanChangeScheduled(String subscriptionId, String fromPlanId, String planId,
                                                  String planName, Money price, Instant effectiveAt) {
    }

    /** The pending change was dropped (the subscriber chose the current plan again, changed now, or canceled). */
    public record SubscriptionPlanChangeUnscheduled(String subscriptionId, String planId) {
    }

    public record SubscriptionCancellationScheduled(String subscriptionId, String reason, Instant cancelAt) {
    }

    public record SubscriptionReactivated(String subscriptionId) {
    }

    public record SubscriptionCanceled(String subscriptionId, String subscriberId, PlanAudience audience,
                                       String reason, Instant canceledAt) {
    }

    public record SubscriptionInvoicePaid(String subscriptionId, String subscriberId, String providerId,
                                          PlanAudience audience, String planId, String invoiceId, Money amount,
                                          Instant periodStart, Instant periodEnd, Instant paidAt,
                                          String hostedInvoiceUrl, String invoicePdf) {
    }

    public record SubscriptionInvoicePaymentFailed(String subscriptionId, String subscriberId, String invoiceId,
                                                   Money amount, String failureCode, String failureMessage,
                                                   Instant failedAt, String hostedInvoiceUrl) {
    }

    /**
     * Part or all of a paid invoice went back to the subscriber: {@code amount} is this refund's share,
     * {@code refundedTotal} all refunded of the invoice so far (never more than {@code invoiceAmount}).
     */
    public record SubscriptionInvoiceRefunded(String subscriptionId, String subscriberId, String providerId,
                                              PlanAudience audience, String planId, String invoiceId, String chargeId,
                                              String refundId, Money amount, Money refundedTotal,
                                              Money invoiceAmount, Instant refundedAt) {
    }
}
