package io.settle.app.subscription;

import io.settle.api.subscription.BillingInterval;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.SubscriptionCommands.CancelSubscription;
import io.settle.api.subscription.SubscriptionCommands.ChangePlan;
import io.settle.api.subscription.SubscriptionCommands.ReactivateSubscription;
import io.settle.api.subscription.SubscriptionCommands.SchedulePlanChange;
import io.settle.api.subscription.SubscriptionCommands.StartSubscription;
import io.settle.api.subscription.SubscriptionCommands.SyncSubscription;
import io.settle.api.subscription.SubscriptionStatus;
import io.settle.app.axon.Commands;
import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.settle.query.subscription.PlanView;
import io.settle.query.subscription.SubscriptionQueries;
import io.settle.query.subscription.SubscriptionView;
import io.settle.saga.subscription.BillingGateway;
import io.settle.saga.subscription.BillingGateway.NewSubscription;
import io.settle.saga.subscription.BillingGateway.PriceRef;
import io.settle.saga.subscription.BillingSubscription;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The subscriber's side: subscribe, change plan, cancel, reactivate. Stripe is asked first where money
 * moves (a decline changes nothing here); the aggregate is asked first where it decides (cancel,
 * reactivate). Each call then brings Stripe's resulting state in, as the webhooks will again later.
 */
@Service
public class SubscriptionService {

    /** Stripe subscription metadata naming ours, so webhooks find it. */
    public static final String METADATA_ID = "settle_subscription_id";

    private final Commands commands;
    private final SubscriptionQueries queries;
    private final BillingGateway billing;
    private final BillingCustomers customers;
    private final GatewayErrors errors;
    private final SubscriptionSettings.GracePeriod grace;
    private final SubscriptionFamilies families;

    public SubscriptionService(Commands commands, SubscriptionQueries queries, BillingGateway billing,
                               BillingCustomers customers, GatewayErrors errors,
                               SubscriptionSettings.GracePeriod grace, SubscriptionFamilies families) {
        this.families = families;
        this.commands = commands;
        this.queries = queries;
        this.billing = billing;
        this.customers = customers;
        this.errors = errors;
        this.grace = grace;
    }

    public SubscriptionResponse subscribe(CurrentUser user, String planId, String paymentMethodId, Integer trialDays) {
        PlanView plan = queries.plan(planId).filter(p -> !p.archived())
                .orElseThrow(() -> ApiException.validation("Unknown or archived plan " + planId));
        PlanAudience audience = PlanAudience.valueOf(plan.audience());
        user.require(audience == PlanAudience.PROVIDER_TIER ? Role.PROVIDER : Role.CUSTOMER);
        String providerId = switch (audience) {
            case PROVIDER_TIER -> user.id();
            case FAN -> plan.ownerId();
            case CONSUMER -> null;
        };
        if (user.id().equals(providerId) && audience == PlanAudience.FAN) {
            throw ApiException.validation("Providers cannot subscribe to their own fan tiers");
        }
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        String family = SubscriptionFamilies.family(audience, providerId);
        families.reserve(user.id(), family, id).ifPresent(existing -> {
            throw ApiException.conflict(ErrorCodes.ACTIVE_SUBSCRIPTION_EXISTS, "You already have a live "
                    + audience + " subscription (" + existing + "); change its plan instead")
                    .with("subscriptionId", existing);
        });
        boolean started = false;
        try {
            String customer = errors.translate(() -> customers.customerFor(user.id()));
            if (paymentMethodId != null) {
                errors.translate(() -> customers.attach(user.id(), paymentMethodId, true));
            }
            int trial = trialDays != null ? trialDays : plan.trialDays();
            BillingSubscription created = errors.translate(() -> billing.createSubscription(new NewSubscription(
                    customer, price(plan), trial,
                    Map.of(METADATA_ID, id, "plan_id", plan.id(), "subscriber_id", user.id()),
                    "subscription:" + id + ":create")));
            commands.send(new StartSubscription(id, user.id(), plan.id(), plan.name(), audience, providerId,
                    plan.price(), created.id(), SubscriptionStatus.fromStripe(created.status()),
                    created.currentPeriodStart(), created.currentPeriodEnd(), created.trialEnd()));
            started = true;
        } finally {
            if (!started) {
                families.release(user.id(), family, id); // declined or failed: the family is free again
            }
        }
        return await(id, user.id(), view -> true);
    }

    /**
     * Another plan of the family. {@code atPeriodEnd} null means: a downgrade (a cheaper plan) waits for the
     * period end, an upgrade applies now. Choosing the current plan drops a pending change.
     */
    public SubscriptionResponse changePlan(CurrentUser user, String id, String planId, boolean prorate,
                                           Boolean atPeriodEnd) {
        SubscriptionView current = own(user, id);
        PlanView plan = queries.plan(planId).filter(p -> !p.archived())
                .orElseThrow(() -> ApiException.validation("Unknown or archived plan " + planId));
        if (!plan.audience().equals(current.audience())
                || ("FAN".equals(plan.audience()) && !plan.ownerId().equals(current.providerId()))) {
            throw ApiException.validation("Plan " + planId + " is not in the same family as the subscription");
        }
        if (SubscriptionStatus.CANCELED.name().equals(current.status())) {
            throw ApiException.conflict(ErrorCodes.INVALID_STATE, "The subscription is canceled");
        }
        if (plan.id().equals(current.planId())) {
            if (current.pendingPlanId() != null) {
                BillingSubscription kept = errors.translate(() ->
                        billing.cancelScheduledPriceChange(current.stripeSubscriptionId()));
                commands.send(new SchedulePlanChange(id, user.id(), plan.id(), plan.name(), plan.price()));
                sync(id, kept);
            }
            return await(id, user.id(), view -> view.pendingPlanId() == null);
        }
        boolean downgrade = current.price().currency().equals(plan.price().currency())
                && current.price().isGreaterThan(plan.price());
        if (atPeriodEnd != null ? atPeriodEnd : downgrade) {
            if (current.currentPeriodEnd() == null) {
                throw ApiException.conflict(ErrorCodes.INVALID_STATE, "The subscription has no period to end");
            }
            BillingSubscription scheduled = errors.translate(() -> billing.schedulePriceChange(
                    current.stripeSubscriptionId(), price(plan), "subscription:" + id + ":schedule:" + plan.id()
                            + ":" + UUID.randomUUID()));
            commands.send(new SchedulePlanChange(id, user.id(), plan.id(), plan.name(), plan.price()));
            sync(id, scheduled);
            return await(id, user.id(), view -> plan.id().equals(view.pendingPlanId()));
        }
        BillingSubscription changed = errors.translate(() -> billing.changePrice(current.stripeSubscriptionId(),
                price(plan), prorate, "subscription:" + id + ":plan:" + plan.id() + ":" + UUID.randomUUID()));
        commands.send(new ChangePlan(id, user.id(), plan.id(), plan.name(), plan.price()));
        sync(id, changed);
        return await(id, user.id(), view -> view.planId().equals(plan.id()) && view.pendingPlanId() == null);
    }

    public SubscriptionResponse cancel(CurrentUser user, String id, boolean atPeriodEnd, String reason) {
        SubscriptionView current = own(user, id);
        commands.send(new CancelSubscription(id, user.id(), atPeriodEnd, reason));
        BillingSubscription after = errors.translate(() -> atPeriodEnd
                ? billing.setCancelAtPeriodEnd(current.stripeSubscriptionId(), true, null)
                : billing.cancelNow(current.stripeSubscriptionId(), "subscription:" + id + ":cancel"));
        sync(id, after);
        return await(id, user.id(), view -> atPeriodEnd ? view.cancelAtPeriodEnd()
                : SubscriptionStatus.CANCELED.name().equals(view.status()));
    }

    public SubscriptionResponse reactivate(CurrentUser user, String id) {
        SubscriptionView current = own(user, id);
        commands.send(new ReactivateSubscription(id, user.id()));
        BillingSubscription after = errors.translate(() ->
                billing.setCancelAtPeriodEnd(current.stripeSubscriptionId(), false, null));
        sync(id, after);
        return await(id, user.id(), view -> !view.cancelAtPeriodEnd());
    }

    /** Stripe's current state of the subscription, into the aggregate (a no-op when nothing changed). */
    public void sync(String id, BillingSubscription state) {
        sync(id, state, null);
    }

    /** {@code observedAt}: when Stripe reported this state (a webhook event's time); null means now. */
    public void sync(String id, BillingSubscription state, java.time.Instant observedAt) {
        commands.send(new SyncSubscription(id, SubscriptionStatus.fromStripe(state.status()),
                state.currentPeriodStart(), state.currentPeriodEnd(), state.trialEnd(), state.cancelAtPeriodEnd(),
                grace.value(), observedAt));
    }

    private SubscriptionView own(CurrentUser user, String id) {
        return queries.subscription(id).filter(s -> s.subscriberId().equals(user.id()))
                .orElseThrow(() -> ApiException.notFound("subscription", id));
    }

    private SubscriptionResponse await(String id, String userId, java.util.function.Predicate<SubscriptionView> done) {
        return ProjectionWait.until(() -> queries.subscription(id), done)
                .filter(view -> Objects.equals(view.subscriberId(), userId))
                .map(SubscriptionResponse::of)
                .orElseThrow(() -> ApiException.notFound("subscription", id));
    }

    private static PriceRef price(PlanView plan) {
        return new PriceRef(plan.stripePriceId(), plan.price(), BillingInterval.valueOf(plan.interval()));
    }
}
