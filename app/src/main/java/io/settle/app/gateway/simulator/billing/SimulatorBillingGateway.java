package io.settle.app.gateway.simulator.billing;

import io.settle.api.Money;
import io.settle.api.subscription.BillingInterval;
import io.settle.saga.subscription.BillingGateway;
import io.settle.saga.subscription.BillingSubscription;
import java.util.Optional;

/** The {@link BillingGateway} port on the in-memory {@link SimulatedBilling}. */
public class SimulatorBillingGateway implements BillingGateway {

    private final SimulatedBilling billing;

    public SimulatorBillingGateway(SimulatedBilling billing) {
        this.billing = billing;
    }

    @Override
    public String createCustomer(String userId, String idempotencyKey) {
        return billing.createCustomer(userId, idempotencyKey);
    }

    @Override
    public PaymentMethodDetails attachPaymentMethod(String customerId, String paymentMethodId, boolean makeDefault) {
        return billing.attachPaymentMethod(customerId, paymentMethodId, makeDefault);
    }

    @Override
    public void setDefaultPaymentMethod(String customerId, String paymentMethodId) {
        billing.setDefaultPaymentMethod(customerId, paymentMethodId);
    }

    @Override
    public void detachPaymentMethod(String paymentMethodId) {
        billing.detachPaymentMethod(paymentMethodId);
    }

    @Override
    public String createProduct(String planId, String name, String idempotencyKey) {
        return billing.createProduct(name, idempotencyKey);
    }

    @Override
    public String createPrice(String productId, Money price, BillingInterval interval, String idempotencyKey) {
        return billing.createPrice(productId, price, interval, idempotencyKey);
    }

    @Override
    public BillingSubscription createSubscription(NewSubscription request) {
        return billing.createSubscription(request.customerId(), request.price(), request.trialDays(),
                request.metadata(), request.idempotencyKey());
    }

    @Override
    public BillingSubscription changePrice(String subscriptionId, PriceRef price, boolean prorate,
                                           String idempotencyKey) {
        return billing.changePrice(subscriptionId, price, prorate, idempotencyKey);
    }

    @Override
    public BillingSubscription schedulePriceChange(String subscriptionId, PriceRef price, String idempotencyKey) {
        return billing.schedulePriceChange(subscriptionId, price, idempotencyKey);
    }

    @Override
    public BillingSubscription cancelScheduledPriceChange(String subscriptionId) {
        return billing.cancelScheduledPriceChange(subscriptionId);
    }

    @Override
    public Optional<String> invoiceForPaymentIntent(String paymentIntentId) {
        return billing.invoiceForPaymentIntent(paymentIntentId);
    }

    @Override
    public BillingSubscription setCancelAtPeriodEnd(String subscriptionId, boolean cancelAtPeriodEnd,
                                                    String idempotencyKey) {
        return billing.setCancelAtPeriodEnd(subscriptionId, cancelAtPeriodEnd, idempotencyKey);
    }

    @Override
    public BillingSubscription cancelNow(String subscriptionId, String idempotencyKey) {
        return billing.cancelNow(subscriptionId, idempotencyKey);
    }

    @Override
    public Optional<BillingSubscription> retrieveSubscription(String subscriptionId) {
        return billing.retrieveSubscription(subscriptionId);
    }
}
