package io.settle.app.subscription;

import io.settle.api.subscription.BillingInterval;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.PlanCommands;
import io.settle.app.subscription.SubscriptionSettings.Tier;
import io.settle.query.subscription.SubscriptionQueries;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds the platform's provider tiers (Free, Entry, Premium) on first start. Their plan ids are fixed and
 * CreatePlan is a no-op for an existing plan, so a restart, or two instances starting together, never
 * duplicates them. Rates and prices are read from the configuration when a tier is first seeded.
 */
@Component
public class ProviderTierSeeder {

    private static final Logger log = LoggerFactory.getLogger(ProviderTierSeeder.class);

    private final PlanCatalog catalog;
    private final SubscriptionQueries queries;
    private final SubscriptionSettings.Tiers tiers;

    public ProviderTierSeeder(PlanCatalog catalog, SubscriptionQueries queries, SubscriptionSettings.Tiers tiers) {
        this.catalog = catalog;
        this.queries = queries;
        this.tiers = tiers;
    }

    /** A failure (e.g. Stripe unreachable) is logged, not fatal: the next start seeds what is missing. */
    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        try {
            seedMissingTiers();
        } catch (RuntimeException e) {
            log.error("Could not seed the provider tiers; they will be seeded on the next start", e);
        }
    }

    void seedMissingTiers() {
        for (Tier tier : tiers.all()) {
            if (queries.plan(tier.planId()).isEmpty()) {
                catalog.create(new PlanCatalog.NewPlan(tier.planId(), PlanCommands.PLATFORM, PlanAudience.PROVIDER_TIER,
                        tier.name(), tier.name() + " provider tier: " + tier.commissionBps() / 100.0 + " % commission",
                        tier.price(), BillingInterval.month, 0, List.of("commission-" + tier.commissionBps()),
                        tier.commissionBps()));
                log.info("Seeded provider tier {} ({} bps)", tier.name(), tier.commissionBps());
            }
        }
    }
}
