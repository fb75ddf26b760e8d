package io.settle.app.subscription;

import io.settle.api.Money;
import io.settle.api.subscription.BillingInterval;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.PlanCommands.ArchivePlan;
import io.settle.api.subscription.PlanCommands.CreatePlan;
import io.settle.api.subscription.PlanCommands.UpdatePlan;
import io.settle.app.axon.Commands;
import io.settle.saga.subscription.BillingGateway;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Creates and edits plans, mirroring each as a Stripe product with a price (a new price on each price change). */
@Service
public class PlanCatalog {

    public record NewPlan(String planId, String ownerId, PlanAudience audience, String name, String description,
                          Money price, BillingInterval interval, int trialDays, List<String> benefits,
                          Integer commissionBps) {
    }

    private final Commands commands;
    private final BillingGateway billing;
    private final GatewayErrors errors;

    public PlanCatalog(Commands commands, BillingGateway billing, GatewayErrors errors) {
        this.commands = commands;
        this.billing = billing;
        this.errors = errors;
    }

    public static String newPlanId() {
        return "plan_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Keys derive from the plan id, so a retried creation reuses the same Stripe product and price. */
    public void create(NewPlan plan) {
        String product = errors.translate(() -> billing.createProduct(plan.planId(), plan.name(),
                "plan:" + plan.planId() + ":product"));
        String price = errors.translate(() -> billing.createPrice(product, plan.price(), plan.interval(),
                "plan:" + plan.planId() + ":price:" + plan.price().amount()));
        commands.send(new CreatePlan(plan.planId(), plan.ownerId(), plan.audience(), plan.name(), plan.description(),
                plan.price(), plan.interval(), plan.trialDays(), plan.benefits(), plan.commissionBps(), product, price));
    }

    public void update(String planId, String actorId, boolean admin, String name, List<String> benefits, Money newPrice,
                       String stripeProductId, BillingInterval interval) {
        String price = null;
        if (newPrice != null) {
            price = errors.translate(() -> billing.createPrice(stripeProductId, newPrice, interval,
                    "plan:" + planId + ":price:" + newPrice.amount()));
        }
        commands.send(new UpdatePlan(planId, actorId, admin, name, benefits, newPrice, price));
    }

    public void archive(String planId, String actorId, boolean admin) {
        commands.send(new ArchivePlan(planId, actorId, admin));
    }
}
