package io.settle.saga.subscription;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.settle.api.subscription.SubscriptionCommands.ExpireGrace;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCanceled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPastDue;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionUpdated;
import io.settle.api.subscription.SubscriptionStatus;
import io.settle.saga.payment.PaymentGatewayException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A subscription whose renewal failed stays PAST_DUE until {@code graceUntil}. Paid in time (Stripe makes
 * it active again), the saga ends; otherwise the deadline cancels it at Stripe and here. A provider tier
 * that ends this way leaves the provider on the Free tier, since the commission policy falls back to Free
 * for a provider without a live tier.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class SubscriptionGraceSaga {

    static final String GRACE_DEADLINE = "subscription-grace";

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient BillingGateway billing;

    private String subscriptionId;
    private String stripeSubscriptionId;
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = "subscriptionId")
    public void on(SubscriptionPastDue event) {
        subscriptionId = event.subscriptionId();
        stripeSubscriptionId = event.stripeSubscriptionId();
        deadlineId = deadlineManager.schedule(event.graceUntil(), GRACE_DEADLINE);
    }

    @SagaEventHandler(associationProperty = "subscriptionId")
    public void on(SubscriptionUpdated event) {
        if (event.status() == SubscriptionStatus.ACTIVE || event.status() == SubscriptionStatus.TRIALING) {
            deadlineManager.cancelSchedule(GRACE_DEADLINE, deadlineId);
            SagaLifecycle.end();
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "subscriptionId")
    public void on(SubscriptionCanceled event) {
        deadlineManager.cancelSchedule(GRACE_DEADLINE, deadlineId);
    }

    /** Stripe first, with a fixed key, so a retried deadline never cancels twice; then our side. */
    @DeadlineHandler(deadlineName = GRACE_DEADLINE)
    public void graceExpired() {
        if (stripeSubscriptionId != null) {
            try {
                billing.cancelNow(stripeSubscriptionId, "subscription:" + subscriptionId + ":grace-cancel");
            } catch (PaymentGatewayException e) {
                if (e.isTransient()) {
                    throw e;
                }
                // permanent (e.g. already gone at Stripe): nothing more to cancel there
            }
        }
        commandGateway.sendAndWait(new ExpireGrace(subscriptionId));
    }
}
