package io.settle.api.subscription;

/** Stripe's recurring interval, written as Stripe writes it. */
public enum BillingInterval {
    month, year
}
