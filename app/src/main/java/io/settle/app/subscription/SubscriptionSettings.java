package io.settle.app.subscription;

import io.settle.api.Money;
import io.settle.command.booking.CommissionPolicy;
import io.settle.query.subscription.SubscriptionQueries;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code settle.subscriptions} block: grace period and the platform's provider tiers. */
@Configuration(proxyBeanMethods = false)
public class SubscriptionSettings {

    /** How long a subscription whose renewal failed stays PAST_DUE before it is canceled. */
    public record GracePeriod(Duration value) {
    }

    /** A platform provider tier seeded on first start (plan id {@code plan_tier_<key>}). */
    public record Tier(String key, String name, Money price, int commissionBps) {
        public String planId() {
            return "plan_tier_" + key;
        }
    }

    public record Tiers(List<Tier> all) {
        public Tier free() {
            return all.get(0);
        }
    }

    @Bean
    GracePeriod subscriptionGracePeriod(@Value("${settle.subscriptions.grace-period:P7D}") Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalStateException("SETTLE_SUBSCRIPTION_GRACE_PERIOD must not be negative");
        }
        return new GracePeriod(grace);
    }

    @Bean
    Tiers providerTiers(@Value("${settle.subscriptions.currency:usd}") String currency,
                        @Value("${settle.subscriptions.tiers.free.commission-bps:2000}") int freeBps,
                        @Value("${settle.subscriptions.tiers.entry.price:2900}") long entryPrice,
                        @Value("${settle.subscriptions.tiers.entry.commission-bps:1500}") int entryBps,
                        @Value("${settle.subscriptions.tiers.premium.price:9900}") long premiumPrice,
                        @Value("${settle.subscriptions.tiers.premium.commission-bps:1000}") int premiumBps) {
        CommissionPolicy.flat(freeBps); // validates the range
        CommissionPolicy.flat(entryBps);
        CommissionPolicy.flat(premiumBps);
        return new Tiers(List.of(
                new Tier("free", "Free", Money.zero(currency), freeBps),
                new Tier("entry", "Entry", Money.of(entryPrice, currency), entryBps),
                new Tier("premium", "Premium", Money.of(premiumPrice, currency), premiumBps)));
    }

    /**
     * The provider's live tier sets the rate of their new bookings; a provider without one (never
     * subscribed, or canceled after a failed renewal) is on Free.
     */
    @Bean
    CommissionPolicy commissionPolicy(SubscriptionQueries subscriptions, Tiers tiers) {
        int free = tiers.free().commissionBps();
        return providerId -> subscriptions.tierCommissionBps(providerId).orElse(free);
    }
}
