package io.settle.command.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.settle.api.DomainRuleViolation;
import io.settle.api.Money;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.PlanCommands.ArchivePlan;
import io.settle.api.subscription.PlanCommands.CreatePlan;
import io.settle.api.subscription.PlanCommands.UpdatePlan;
import io.settle.api.subscription.PlanEvents.PlanArchived;
import io.settle.api.subscription.PlanEvents.PlanCreated;
import io.settle.api.subscription.PlanEvents.PlanUpdated;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A catalog entry owned by the platform or by a provider, mirrored as a Stripe product and price. A price
 * change points the plan at a new Stripe price; existing subscribers keep the one they subscribed to.
 */
@Aggregate
public class Plan {

    @AggregateIdentifier
    private String planId;
    private String ownerId;
    private String name;
    private List<String> benefits;
    private Money price;
    private String stripePriceId;
    private boolean archived;

    protected Plan() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreatePlan command) {
        if (planId != null) {
            return;
        }
        requireName(command.name());
        if (command.price() == null || command.price().negative()) {
            throw invalid("price must not be negative");
        }
        if (command.trialDays() < 0 || command.trialDays() > 730) {
            throw invalid("trialDays must be within 0..730");
        }
        if (command.audience() == PlanAudience.PROVIDER_TIER) {
            if (command.commissionBps() == null || command.commissionBps() < 0 || command.commissionBps() > 10_000) {
                throw invalid("a provider tier needs a commission within 0..10000 bps");
            }
        } else if (command.commissionBps() != null) {
            throw invalid("only provider tiers carry a commission");
        }
        if (command.interval() == null || command.audience() == null || command.ownerId() == null) {
            throw invalid("audience, interval and owner are required");
        }
        apply(new PlanCreated(command.planId(), command.ownerId(), command.audience(), command.name(),
                command.description(), command.price(), command.interval(), command.trialDays(),
                List.copyOf(command.benefits() == null ? List.of() : command.benefits()), command.commissionBps(),
                command.stripeProductId(), command.stripePriceId()));
    }

    @CommandHandler
    public void handle(UpdatePlan command) {
        requireOwner(command.actorId(), command.actorIsAdmin());
        if (archived) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE, "plan " + planId + " is archived");
        }
        String newName = command.name() == null ? name : command.name();
        requireName(newName);
        List<String> newBenefits = command.benefits() == null ? benefits : List.copyOf(command.benefits());
        Money newPrice = price;
        String newStripePrice = stripePriceId;
        if (command.price() != null && !command.price().equals(price)) {
            if (command.price().negative() || !command.price().currency().equals(price.currency())) {
                throw invalid("the new price must be non-negative and in " + price.currency());
            }
            newPrice = command.price();
            newStripePrice = command.stripePriceId();
        }
        if (newName.equals(name) && newBenefits.equals(benefits) && newPrice.equals(price)
                && Objects.equals(newStripePrice, stripePriceId)) {
            return;
        }
        apply(new PlanUpdated(planId, newName, newBenefits, newPrice, newStripePrice));
    }

    @CommandHandler
    public void handle(ArchivePlan command) {
        requireOwner(command.actorId(), command.actorIsAdmin());
        if (!archived) {
            apply(new PlanArchived(planId));
        }
    }

    private void requireOwner(String actorId, boolean admin) {
        if (!admin && !ownerId.equals(actorId)) {
            throw new DomainRuleViolation(DomainRuleViolation.WRONG_PARTY, "only the plan's owner may change it");
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("name is required");
        }
    }

    private static DomainRuleViolation invalid(String message) {
        return new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, message);
    }

    @EventSourcingHandler
    void on(PlanCreated event) {
        planId = event.planId();
        ownerId = event.ownerId();
        name = event.name();
        benefits = event.benefits();
        price = event.price();
        stripePriceId = event.stripePriceId();
    }

    @EventSourcingHandler
    void on(PlanUpdated event) {
        name = event.name();
        benefits = event.benefits();
        price = event.price();
        stripePriceId = event.stripePriceId();
    }

    @EventSourcingHandler
    void on(PlanArchived event) {
        archived = true;
    }
}
