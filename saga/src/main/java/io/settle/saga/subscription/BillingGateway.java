package io.settle.saga.subscription;

import io.settle.api.Money;
import io.settle.api.subscription.BillingInterval;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe Billing as Settle uses it: customers with saved payment methods, products and prices mirroring
 * plans, and subscriptions on those prices. Every creating call takes an idempotency key. A declined
 * payment is a {@link io.settle.saga.payment.PaymentGatewayException} of kind DECLINED, with Stripe's
 * decline code; nothing was changed then.
 */
public interface BillingGateway {

    String createCustomer(String userId, String idempotencyKey);

    PaymentMethodDetails attachPaymentMethod(String customerId, String paymentMethodId, boolean makeDefault);

    void setDefaultPaymentMethod(String customerId, String paymentMethodId);

    void detachPaymentMethod(String paymentMethodId);

    String createProduct(String planId, String name, String idempotencyKey);

    String createPrice(String productId, Money price, BillingInterval interval, String idempotencyKey);

    /** Charges the first invoice at once with the customer's default payment method (unless on trial or free). */
    BillingSubscription createSubscription(NewSubscription request);

    /** Moves the subscription to another price; with {@code prorate} the difference is invoiced at once. */
    BillingSubscription changePrice(String subscriptionId, PriceRef price, boolean prorate, String idempotencyKey);

    /**
     * Moves the subscription to another price when the current period ends (a downgrade at period end):
     * nothing is charged or credited now; the renewal invoices the new price. Replaces an earlier schedule.
     */
    BillingSubscription schedulePriceChange(String subscriptionId, PriceRef price, String idempotencyKey);

    /** Drops a scheduled price change; the subscription renews on its current price. A no-op without one. */
    BillingSubscription cancelScheduledPriceChange(String subscriptionId);

    /** The invoice a PaymentIntent paid, if it paid one (to route refunds of invoice charges). */
    Optional<String> invoiceForPaymentIntent(String paymentIntentId);

    BillingSubscription setCancelAtPeriodEnd(String subscriptionId, boolean cancelAtPeriodEnd, String idempotencyKey);

    /** Cancels at once; cancelling a canceled subscription answers it as it is. */
    BillingSubscription cancelNow(String subscriptionId, String idempotencyKey);

    Optional<BillingSubscription> retrieveSubscription(String subscriptionId);

    /** A Stripe price together with what it charges (the simulator re-learns prices it forgot from this). */
    record PriceRef(String priceId, Money amount, BillingInterval interval) {
    }

    record NewSubscription(String customerId, PriceRef price, int trialDays, Map<String, String> metadata,
                           String idempotencyKey) {
    }

    record PaymentMethodDetails(String id, String brand, String last4, int expMonth, int expYear) {
    }
}
