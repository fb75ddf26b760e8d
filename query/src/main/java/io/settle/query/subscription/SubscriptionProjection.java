package io.settle.query.subscription;

import static io.settle.query.SqlTime.ts;

import io.settle.api.subscription.PlanEvents.PlanArchived;
import io.settle.api.subscription.PlanEvents.PlanCreated;
import io.settle.api.subscription.PlanEvents.PlanUpdated;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCanceled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCancellationScheduled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaid;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaymentFailed;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoiceRefunded;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChangeScheduled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChangeUnscheduled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPastDue;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChanged;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionReactivated;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionStarted;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionUpdated;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.SubscriptionStatus;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code plans}, {@code subscriptions}, {@code subscription_invoices} and {@code provider_tier_history}. Each
 * handler writes the state the event describes (absolute values, upserts, rows keyed by event id), so a
 * redelivered event changes nothing.
 */
@Component
@ProcessingGroup("subscriptions")
public class SubscriptionProjection {

    private final JdbcTemplate jdbc;

    public SubscriptionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PlanCreated e, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO plans (id, owner_id, audience, name, description, price_amount, currency, billing_interval,
                  trial_days, benefits, commission_bps, stripe_product_id, stripe_price_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                e.planId(), e.ownerId(), e.audience().name(), e.name(), e.description(), e.price().amount(),
                e.price().currency(), e.interval().name(), e.trialDays(), String.join("\n", e.benefits()),
                e.commissionBps(), e.stripeProductId(), e.stripePriceId(), ts(at), ts(at));
    }

    @EventHandler
    void on(PlanUpdated e, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE plans SET name = ?, benefits = ?, price_amount = ?, stripe_price_id = ?, updated_at = ?
                WHERE id = ?""", e.name(), String.join("\n", e.benefits()), e.price().amount(), e.stripePriceId(),
                ts(at), e.planId());
    }

    @EventHandler
    void on(PlanArchived e, @Timestamp Instant at) {
        jdbc.update("UPDATE plans SET archived = true, updated_at = ? WHERE id = ?", ts(at), e.planId());
    }

    @EventHandler
    void on(SubscriptionStarted e, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.update("""
                INSERT INTO subscriptions (id, subscriber_id, provider_id, audience, plan_id, plan_name, price_amount,
                  currency, stripe_subscription_id, status, current_period_start, current_period_end, trial_end,
                  created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                e.subscriptionId(), e.subscriberId(), e.providerId(), e.audience().name(), e.planId(), e.planName(),
                e.price().amount(), e.price().currency(), e.stripeSubscriptionId(), e.status().name(),
                ts(e.currentPeriodStart()), ts(e.currentPeriodEnd()), ts(e.trialEnd()), ts(at), ts(at));
        if (e.audience() == PlanAudience.PROVIDER_TIER && e.status().live()) {
            tierChange(eventId, e.subscriberId(), e.subscriptionId(), e.planId(), at);
        }
    }

    @EventHandler
    void on(SubscriptionUpdated e, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE subscriptions SET status = ?, current_period_start = ?, current_period_end = ?, trial_end = ?,
                  cancel_at_period_end = ?, grace_until = CASE WHEN ? = 'PAST_DUE' THEN grace_until END, updated_at = ?
                WHERE id = ?""", e.status().name(), ts(e.currentPeriodStart()), ts(e.currentPeriodEnd()),
                ts(e.trialEnd()), e.cancelAtPeriodEnd(), e.status().name(), ts(at), e.subscriptionId());
    }

    @EventHandler
    void on(SubscriptionPastDue e, @Timestamp Instant at) {
        jdbc.update("UPDATE subscriptions SET grace_until = ?, updated_at = ? WHERE id = ?", ts(e.graceUntil()),
                ts(at), e.subscriptionId());
    }

    @EventHandler
    void on(SubscriptionPlanChanged e, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.update("""
                UPDATE subscriptions SET plan_id = ?, plan_name = ?, price_amount = ?, pending_plan_id = NULL,
                  pending_plan_name = NULL, pending_price_amount = NULL, pending_effective_at = NULL, updated_at = ?
                WHERE id = ?""", e.planId(), e.planName(), e.price().amount(), ts(at), e.subscriptionId());
        jdbc.query("SELECT subscriber_id FROM subscriptions WHERE id = ? AND audience = 'PROVIDER_TIER'",
                rs -> {
                    tierChange(eventId, rs.getString(1), e.subscriptionId(), e.planId(), at);
                }, e.subscriptionId());
    }

    @EventHandler
    void on(SubscriptionPlanChangeScheduled e, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE subscriptions SET pending_plan_id = ?, pending_plan_name = ?, pending_price_amount = ?,
                  pending_effective_at = ?, updated_at = ? WHERE id = ?""", e.planId(), e.planName(),
                e.price().amount(), ts(e.effectiveAt()), ts(at), e.subscriptionId());
    }

    @EventHandler
    void on(SubscriptionPlanChangeUnscheduled e, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE subscriptions SET pending_plan_id = NULL, pending_plan_name = NULL, pending_price_amount = NULL,
                  pending_effective_at = NULL, updated_at = ? WHERE id = ?""", ts(at), e.subscriptionId());
    }

    /** The provider's commission from {@code at} on: the plan's rate (null for a plan without one: Free). */
    private void tierChange(String eventId, String providerId, String subscriptionId, String planId, Instant at) {
        jdbc.update("""
                INSERT INTO provider_tier_history (event_id, provider_id, subscription_id, plan_id, plan_name,
                  commission_bps, effective_at)
                SELECT ?, ?, ?, ?, (SELECT name FROM plans WHERE id = ?), (SELECT commission_bps FROM plans WHERE id = ?), ?
                ON CONFLICT (event_id) DO NOTHING""", eventId, providerId, subscriptionId, planId, planId, planId,
                ts(at));
    }

    @EventHandler
    void on(SubscriptionCancellationScheduled e, @Timestamp Instant at) {
        jdbc.update("UPDATE subscriptions SET cancel_at_period_end = true, cancel_reason = ?, updated_at = ? WHERE id = ?",
                e.reason(), ts(at), e.subscriptionId());
    }

    @EventHandler
    void on(SubscriptionReactivated e, @Timestamp Instant at) {
        jdbc.update("UPDATE subscriptions SET cancel_at_period_end = false, cancel_reason = NULL, updated_at = ? WHERE id = ?",
                ts(at), e.subscriptionId());
    }

    @EventHandler
    void on(SubscriptionCanceled e, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.update("""
                UPDATE subscriptions SET status = ?, canceled_at = ?, cancel_reason = COALESCE(?, cancel_reason),
                  grace_until = NULL, pending_plan_id = NULL, pending_plan_name = NULL, pending_price_amount = NULL,
                  pending_effective_at = NULL, updated_at = ? WHERE id = ?""",
                SubscriptionStatus.CANCELED.name(), ts(e.canceledAt()), e.reason(), ts(at), e.subscriptionId());
        if (e.audience() == PlanAudience.PROVIDER_TIER) {
            // back to Free (no rate: the configured Free rate applies)
            jdbc.update("""
                    INSERT INTO provider_tier_history (event_id, provider_id, subscription_id, plan_id, plan_name,
                      commission_bps, effective_at)
                    VALUES (?, ?, ?, NULL, NULL, NULL, ?) ON CONFLICT (event_id) DO NOTHING""", eventId,
                    e.subscriberId(), e.subscriptionId(), ts(at));
        }
    }

    @EventHandler
    void on(SubscriptionInvoicePaid e, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO subscription_invoices (id, subscription_id, subscriber_id, amount, currency, status,
                  period_start, period_end, hosted_url, pdf_url, created_at, updated_at, audience, provider_id,
                  plan_id, paid_at)
                VALUES (?, ?, ?, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET status = 'paid', amount = EXCLUDED.amount,
                  period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
                  hosted_url = COALESCE(EXCLUDED.hosted_url, subscription_invoices.hosted_url),
                  pdf_url = EXCLUDED.pdf_url, updated_at = EXCLUDED.updated_at, audience = EXCLUDED.audience,
                  provider_id = EXCLUDED.provider_id, plan_id = EXCLUDED.plan_id, paid_at = EXCLUDED.paid_at""",
                e.invoiceId(), e.subscriptionId(), e.subscriberId(), e.amount().amount(), e.amount().currency(),
                ts(e.periodStart()), ts(e.periodEnd()), e.hostedInvoiceUrl(), e.invoicePdf(), ts(at), ts(at),
                e.audience() == null ? null : e.audience().name(), e.providerId(), e.planId(),
                ts(e.paidAt() == null ? at : e.paidAt()));
    }

    @EventHandler
    void on(SubscriptionInvoicePaymentFailed e, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO subscription_invoices (id, subscription_id, subscriber_id, amount, currency, status,
                  failure_code, failure_message, hosted_url, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET failure_code = EXCLUDED.failure_code,
                  failure_message = EXCLUDED.failure_message""",
                e.invoiceId(), e.subscriptionId(), e.subscriberId(), e.amount().amount(), e.amount().currency(),
                e.failureCode(), e.failureMessage(), e.hostedInvoiceUrl(), ts(at), ts(at));
    }

    @EventHandler
    void on(SubscriptionInvoiceRefunded e, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE subscription_invoices SET refunded_amount = GREATEST(refunded_amount, ?), updated_at = ?
                WHERE id = ?""", e.refundedTotal().amount(), ts(at), e.invoiceId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM provider_tier_history");
        jdbc.update("DELETE FROM subscription_invoices");
        jdbc.update("DELETE FROM subscriptions");
        jdbc.update("DELETE FROM plans");
    }
}
