package io.settle.command.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.settle.api.DomainRuleViolation;
import io.settle.api.Money;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.SubscriptionCommands.CancelSubscription;
import io.settle.api.subscription.SubscriptionCommands.ChangePlan;
import io.settle.api.subscription.SubscriptionCommands.ExpireGrace;
import io.settle.api.subscription.SubscriptionCommands.ReactivateSubscription;
import io.settle.api.subscription.SubscriptionCommands.RecordInvoicePaid;
import io.settle.api.subscription.SubscriptionCommands.RecordInvoicePaymentFailed;
import io.settle.api.subscription.SubscriptionCommands.RecordInvoiceRefund;
import io.settle.api.subscription.SubscriptionCommands.SchedulePlanChange;
import io.settle.api.subscription.SubscriptionCommands.StartSubscription;
import io.settle.api.subscription.SubscriptionCommands.SyncSubscription;
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
import io.settle.api.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One subscriber on one plan, following Stripe Billing: Stripe owns the cycle (trial, renewals, failed
 * payments) and {@link SyncSubscription} brings its current state in; the subscriber's own requests
 * (change plan, cancel, reactivate) are checked here. CANCELED is final: nothing reopens it. Every
 * command is safe to repeat; invoices are recorded once each.
 */
@Aggregate
public class Subscription {

    @AggregateIdentifier
    private String subscriptionId;
    private String subscriberId;
    private String providerId;
    private PlanAudience audience;
    private String planId;
    private String stripeSubscriptionId;
    private SubscriptionStatus status;
    private Instant currentPeriodStart;
    private Instant currentPeriodEnd;
    private Instant trialEnd;
    private boolean cancelAtPeriodEnd;
    private final Set<String> invoices = new HashSet<>();
    /** Paid invoices: amount paid and refunded so far. */
    private final Map<String, Money> paidAmounts = new HashMap<>();
    private final Map<String, Money> refundedAmounts = new HashMap<>();
    /** A downgrade waiting for the period end, if any. */
    private PendingChange pendingChange;

    private record PendingChange(String planId, String planName, Money price, Instant effectiveAt) {
    }

    protected Subscription() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(StartSubscription command) {
        if (subscriptionId != null) {
            return;
        }
        if (command.subscriberId() == null || command.planId() == null || command.audience() == null
                || command.status() == null) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR,
                    "subscriber, plan, audience and status are required");
        }
        apply(new SubscriptionStarted(command.subscriptionId(), command.subscriberId(), command.planId(),
                command.planName(), command.audience(), command.providerId(), command.price(),
                command.stripeSubscriptionId(), command.status(), command.currentPeriodStart(),
                command.currentPeriodEnd(), command.trialEnd()));
    }

    @CommandHandler
    public void handle(SyncSubscription command) {
        if (status == SubscriptionStatus.CANCELED) {
            return;
        }
        if (command.status() == SubscriptionStatus.CANCELED) {
            apply(new SubscriptionCanceled(subscriptionId, subscriberId, audience, "ended at Stripe", now()));
            return;
        }
        if (pendingChange != null && command.currentPeriodStart() != null
                && !command.currentPeriodStart().isBefore(pendingChange.effectiveAt())) {
            // the period renewed: Stripe now bills the scheduled plan
            apply(new SubscriptionPlanChanged(subscriptionId, planId, pendingChange.planId(),
                    pendingChange.planName(), pendingChange.price()));
        }
        boolean changed = command.status() != status
                || !Objects.equals(command.currentPeriodStart(), currentPeriodStart)
                || !Objects.equals(command.currentPeriodEnd(), currentPeriodEnd)
                || !Objects.equals(command.trialEnd(), trialEnd)
                || command.cancelAtPeriodEnd() != cancelAtPeriodEnd;
        if (!changed) {
            return;
        }
        boolean turnsPastDue = command.status() == SubscriptionStatus.PAST_DUE && status != SubscriptionStatus.PAST_DUE;
        apply(new SubscriptionUpdated(subscriptionId, command.status(), command.currentPeriodStart(),
                command.currentPeriodEnd(), command.trialEnd(), command.cancelAtPeriodEnd()));
        if (turnsPastDue) {
            Instant since = command.observedAt() == null || command.observedAt().isAfter(now()) ? now()
                    : command.observedAt();
            apply(new SubscriptionPastDue(subscriptionId, subscriberId, stripeSubscriptionId, audience,
                    since.plus(command.gracePeriod())));
        }
    }

    @CommandHandler
    public void handle(ChangePlan command) {
        requireSubscriber(command.userId());
        if (command.planId().equals(planId)) {
            return;
        }
        requireNotCanceled("change the plan");
        if (pendingChange != null) {
            apply(new SubscriptionPlanChangeUnscheduled(subscriptionId, pendingChange.planId()));
        }
        apply(new SubscriptionPlanChanged(subscriptionId, planId, command.planId(), command.planName(),
                command.price()));
    }

    @CommandHandler
    public void handle(SchedulePlanChange command) {
        requireSubscriber(command.userId());
        requireNotCanceled("change the plan");
        if (command.planId().equals(planId)) {
            if (pendingChange != null) {
                apply(new SubscriptionPlanChangeUnscheduled(subscriptionId, pendingChange.planId()));
            }
            return;
        }
        if (pendingChange != null && pendingChange.planId().equals(command.planId())) {
            return;
        }
        if (currentPeriodEnd == null) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "the subscription has no billing period to end");
        }
        apply(new SubscriptionPlanChangeScheduled(subscriptionId, planId, command.planId(), command.planName(),
                command.price(), currentPeriodEnd));
    }

    @CommandHandler
    public void handle(CancelSubscription command) {
        requireSubscriber(command.userId());
        if (status == SubscriptionStatus.CANCELED || (command.atPeriodEnd() && cancelAtPeriodEnd)) {
            return;
        }
        if (command.atPeriodEnd()) {
            apply(new SubscriptionCancellationScheduled(subscriptionId, command.reason(), currentPeriodEnd));
        } else {
            apply(new SubscriptionCanceled(subscriptionId, subscriberId, audience, command.reason(), now()));
        }
    }

    @CommandHandler
    public void handle(ReactivateSubscription command) {
        requireSubscriber(command.userId());
        requireNotCanceled("reactivate");
        if (!cancelAtPeriodEnd) {
            return;
        }
        if (currentPeriodEnd != null && !now().isBefore(currentPeriodEnd)) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE, "the period has already ended");
        }
        apply(new SubscriptionReactivated(subscriptionId));
    }

    @CommandHandler
    public void handle(RecordInvoicePaid command) {
        if (invoices.contains("paid:" + command.invoiceId())) {
            return;
        }
        requireNonNegative(command.amount());
        apply(new SubscriptionInvoicePaid(subscriptionId, subscriberId, providerId, audience, planId,
                command.invoiceId(), command.amount(), command.periodStart(), command.periodEnd(), now(),
                command.hostedInvoiceUrl(), command.invoicePdf()));
    }

    @CommandHandler
    public void handle(RecordInvoicePaymentFailed command) {
        if (invoices.contains("failed:" + command.invoiceId()) || invoices.contains("paid:" + command.invoiceId())) {
            return;
        }
        requireNonNegative(command.amount());
        apply(new SubscriptionInvoicePaymentFailed(subscriptionId, subscriberId, command.invoiceId(),
                command.amount(), command.failureCode(), command.failureMessage(), now(), command.hostedInvoiceUrl()));
    }

    @CommandHandler
    public void handle(RecordInvoiceRefund command) {
        Money paid = paidAmounts.get(command.invoiceId());
        if (paid == null) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "invoice " + command.invoiceId() + " is not recorded as paid");
        }
        Money total = command.refundedTotal();
        if (total == null || total.negative()) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "refunded total must not be negative");
        }
        paid.requireSameCurrency(total);
        Money target = total.isGreaterThan(paid) ? paid : total;
        Money before = refundedAmounts.getOrDefault(command.invoiceId(), Money.zero(paid.currency()));
        if (!target.isGreaterThan(before)) {
            return;
        }
        apply(new SubscriptionInvoiceRefunded(subscriptionId, subscriberId, providerId, audience, planId,
                command.invoiceId(), command.chargeId(), command.refundId(), target.minus(before), target, paid,
                now()));
    }

    @CommandHandler
    public void handle(ExpireGrace command) {
        if (status == SubscriptionStatus.PAST_DUE) {
            apply(new SubscriptionCanceled(subscriptionId, subscriberId, audience, "grace period expired", now()));
        }
    }

    private void requireSubscriber(String userId) {
        if (!subscriberId.equals(userId)) {
            throw new DomainRuleViolation(DomainRuleViolation.NOT_A_PARTY, "subscription " + subscriptionId + " not found");
        }
    }

    private void requireNotCanceled(String action) {
        if (status == SubscriptionStatus.CANCELED) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "cannot " + action + ": the subscription is canceled");
        }
    }

    private static void requireNonNegative(Money amount) {
        if (amount == null || amount.negative()) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "invoice amount must not be negative");
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(SubscriptionStarted event) {
        subscriptionId = event.subscriptionId();
        subscriberId = event.subscriberId();
        providerId = event.providerId();
        audience = event.audience();
        planId = event.planId();
        stripeSubscriptionId = event.stripeSubscriptionId();
        status = event.status();
        currentPeriodStart = event.currentPeriodStart();
        currentPeriodEnd = event.currentPeriodEnd();
        trialEnd = event.trialEnd();
    }

    @EventSourcingHandler
    void on(SubscriptionUpdated event) {
        status = event.status();
        currentPeriodStart = event.currentPeriodStart();
        currentPeriodEnd = event.currentPeriodEnd();
        trialEnd = event.trialEnd();
        cancelAtPeriodEnd = event.cancelAtPeriodEnd();
    }

    @EventSourcingHandler
    void on(SubscriptionPlanChanged event) {
        planId = event.planId();
        pendingChange = null;
    }

    @EventSourcingHandler
    void on(SubscriptionPlanChangeScheduled event) {
        pendingChange = new PendingChange(event.planId(), event.planName(), event.price(), event.effectiveAt());
    }

    @EventSourcingHandler
    void on(SubscriptionPlanChangeUnscheduled event) {
        pendingChange = null;
    }

    @EventSourcingHandler
    void on(SubscriptionInvoiceRefunded event) {
        refundedAmounts.put(event.invoiceId(), event.refundedTotal());
    }

    @EventSourcingHandler
    void on(SubscriptionCancellationScheduled event) {
        cancelAtPeriodEnd = true;
    }

    @EventSourcingHandler
    void on(SubscriptionReactivated event) {
        cancelAtPeriodEnd = false;
    }

    @EventSourcingHandler
    void on(SubscriptionCanceled event) {
        status = SubscriptionStatus.CANCELED;
        pendingChange = null;
    }

    @EventSourcingHandler
    void on(SubscriptionInvoicePaid event) {
        invoices.add("paid:" + event.invoiceId());
        paidAmounts.put(event.invoiceId(), event.amount());
    }

    @EventSourcingHandler
    void on(SubscriptionInvoicePaymentFailed event) {
        invoices.add("failed:" + event.invoiceId());
    }
}
