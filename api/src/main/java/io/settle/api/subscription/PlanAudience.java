package io.settle.api.subscription;

/** Who a plan is sold to: providers (platform tiers that set commission), a provider's fans, or consumers. */
public enum PlanAudience {
    PROVIDER_TIER, FAN, CONSUMER
}
