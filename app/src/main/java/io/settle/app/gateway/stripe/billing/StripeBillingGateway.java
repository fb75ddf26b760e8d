package io.settle.app.gateway.stripe.billing;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.InvoicePayment;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionScheduleCreateParams;
import com.stripe.param.SubscriptionScheduleUpdateParams;
import com.stripe.param.SubscriptionUpdateParams;
import io.settle.api.Money;
import io.settle.api.subscription.BillingInterval;
import io.settle.app.gateway.StripeSettings;
import io.settle.app.gateway.stripe.StripeClientFactory;
import io.settle.app.gateway.stripe.StripeErrors;
import io.settle.saga.subscription.BillingGateway;
import io.settle.saga.subscription.BillingSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The {@link BillingGateway} on the real Stripe API through stripe-java. Subscriptions are created with
 * {@code payment_behavior=error_if_incomplete} (a declined first payment creates nothing) and changed with
 * {@code always_invoice} proration under {@code pending_if_incomplete} (a declined upgrade changes nothing).
 */
@Component
@ConditionalOnProperty(name = "settle.stripe.gateway", havingValue = StripeSettings.STRIPE)
public class StripeBillingGateway implements BillingGateway {

    private final StripeClient stripe;

    public StripeBillingGateway(StripeSettings settings,
                                @Value("${settle.stripe.connect-timeout:5s}") Duration connectTimeout,
                                @Value("${settle.stripe.read-timeout:20s}") Duration readTimeout) {
        this.stripe = StripeClientFactory.create(settings, connectTimeout, readTimeout);
    }

    @Override
    public String createCustomer(String userId, String idempotencyKey) {
        return call("create customer", () -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("user_id", userId).build(), idempotent(idempotencyKey)).getId());
    }

    @Override
    public PaymentMethodDetails attachPaymentMethod(String customerId, String paymentMethodId, boolean makeDefault) {
        PaymentMethod method = call("attach payment method", () -> stripe.v1().paymentMethods().attach(
                paymentMethodId, PaymentMethodAttachParams.builder().setCustomer(customerId).build()));
        if (makeDefault) {
            setDefaultPaymentMethod(customerId, method.getId());
        }
        PaymentMethod.Card card = method.getCard();
        return card == null
                ? new PaymentMethodDetails(method.getId(), method.getType(), null, 0, 0)
                : new PaymentMethodDetails(method.getId(), card.getBrand(), card.getLast4(),
                        Math.toIntExact(card.getExpMonth()), Math.toIntExact(card.getExpYear()));
    }

    @Override
    public void setDefaultPaymentMethod(String customerId, String paymentMethodId) {
        Customer ignored = call("set default payment method", () -> stripe.v1().customers().update(customerId,
                CustomerUpdateParams.builder().setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(paymentMethodId).build()).build()));
    }

    @Override
    public void detachPaymentMethod(String paymentMethodId) {
        call("detach payment method", () -> stripe.v1().paymentMethods().detach(paymentMethodId));
    }

    @Override
    public String createProduct(String planId, String name, String idempotencyKey) {
        return call("create product", () -> stripe.v1().products().create(ProductCreateParams.builder()
                .setName(name).putMetadata("plan_id", planId).build(), idempotent(idempotencyKey)).getId());
    }

    @Override
    public String createPrice(String productId, Money price, BillingInterval interval, String idempotencyKey) {
        PriceCreateParams.Recurring.Interval recurring = interval == BillingInterval.year
                ? PriceCreateParams.Recurring.Interval.YEAR : PriceCreateParams.Recurring.Interval.MONTH;
        return call("create price", () -> stripe.v1().prices().create(PriceCreateParams.builder()
                .setProduct(productId).setCurrency(price.currency()).setUnitAmount(price.amount())
                .setRecurring(PriceCreateParams.Recurring.builder().setInterval(recurring).build()).build(),
                idempotent(idempotencyKey)).getId());
    }

    @Override
    public BillingSubscription createSubscription(NewSubscription request) {
        SubscriptionCreateParams.Builder params = SubscriptionCreateParams.builder()
                .setCustomer(request.customerId())
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(request.price().priceId()).build())
                .setPaymentBehavior(SubscriptionCreateParams.PaymentBehavior.ERROR_IF_INCOMPLETE)
                .putAllMetadata(request.metadata());
        if (request.trialDays() > 0) {
            params.setTrialPeriodDays((long) request.trialDays());
        }
        return snapshot(call("create subscription", () -> stripe.v1().subscriptions().create(params.build(),
                idempotent(request.idempotencyKey()))));
    }

    @Override
    public BillingSubscription changePrice(String subscriptionId, PriceRef price, boolean prorate,
                                           String idempotencyKey) {
        Subscription current = call("retrieve subscription", () -> stripe.v1().subscriptions().retrieve(subscriptionId));
        if (current.getSchedule() != null) {
            // a change now replaces a downgrade scheduled for the period end
            call("release subscription schedule", () -> stripe.v1().subscriptionSchedules()
                    .release(current.getSchedule()));
        }
        String itemId = current.getItems().getData().get(0).getId();
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(itemId).setPrice(price.priceId()).build())
                .setProrationBehavior(prorate ? SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE
                        : SubscriptionUpdateParams.ProrationBehavior.NONE)
                .setPaymentBehavior(SubscriptionUpdateParams.PaymentBehavior.PENDING_IF_INCOMPLETE)
                .build();
        return snapshot(call("change subscription price", () -> stripe.v1().subscriptions().update(subscriptionId,
                params, idempotent(idempotencyKey))));
    }

    /**
     * A subscription schedule (created from the subscription, or the one it has) with two phases: the current
     * price until the period ends, then the new price; the schedule releases the subscription afterwards.
     */
    @Override
    public BillingSubscription schedulePriceChange(String subscriptionId, PriceRef price, String idempotencyKey) {
        Subscription current = call("retrieve subscription", () -> stripe.v1().subscriptions().retrieve(subscriptionId));
        SubscriptionItem item = current.getItems().getData().get(0);
        String scheduleId = current.getSchedule() != null ? current.getSchedule()
                : call("create subscription schedule", () -> stripe.v1().subscriptionSchedules().create(
                        SubscriptionScheduleCreateParams.builder().setFromSubscription(subscriptionId).build(),
                        idempotent(idempotencyKey + ":schedule"))).getId();
        SubscriptionScheduleUpdateParams params = SubscriptionScheduleUpdateParams.builder()
                .setEndBehavior(SubscriptionScheduleUpdateParams.EndBehavior.RELEASE)
                .addPhase(SubscriptionScheduleUpdateParams.Phase.builder()
                        .addItem(SubscriptionScheduleUpdateParams.Phase.Item.builder()
                                .setPrice(item.getPrice().getId()).build())
                        .setStartDate(item.getCurrentPeriodStart())
                        .setEndDate(item.getCurrentPeriodEnd())
                        .build())
                .addPhase(SubscriptionScheduleUpdateParams.Phase.builder()
                        .addItem(SubscriptionScheduleUpdateParams.Phase.Item.builder()
                                .setPrice(price.priceId()).build())
                        .setDuration(SubscriptionScheduleUpdateParams.Phase.Duration.builder()
                                .setInterval(price.interval() == BillingInterval.year
                                        ? SubscriptionScheduleUpdateParams.Phase.Duration.Interval.YEAR
                                        : SubscriptionScheduleUpdateParams.Phase.Duration.Interval.MONTH)
                                .setIntervalCount(1L).build())
                        .setProrationBehavior(SubscriptionScheduleUpdateParams.Phase.ProrationBehavior.NONE)
                        .build())
                .build();
        call("schedule price change", () -> stripe.v1().subscriptionSchedules().update(scheduleId, params,
                idempotent(idempotencyKey)));
        return snapshot(call("retrieve subscription", () -> stripe.v1().subscriptions().retrieve(subscriptionId)));
    }

    @Override
    public BillingSubscription cancelScheduledPriceChange(String subscriptionId) {
        Subscription current = call("retrieve subscription", () -> stripe.v1().subscriptions().retrieve(subscriptionId));
        if (current.getSchedule() != null) {
            call("release subscription schedule", () -> stripe.v1().subscriptionSchedules()
                    .release(current.getSchedule()));
            return snapshot(call("retrieve subscription", () -> stripe.v1().subscriptions().retrieve(subscriptionId)));
        }
        return snapshot(current);
    }

    @Override
    public Optional<String> invoiceForPaymentIntent(String paymentIntentId) {
        InvoicePaymentListParams params = InvoicePaymentListParams.builder()
                .setPayment(InvoicePaymentListParams.Payment.builder()
                        .setType(InvoicePaymentListParams.Payment.Type.PAYMENT_INTENT)
                        .setPaymentIntent(paymentIntentId).build())
                .setLimit(1L).build();
        return call("list invoice payments", () -> stripe.v1().invoicePayments().list(params)).getData().stream()
                .map(InvoicePayment::getInvoice).filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    public BillingSubscription setCancelAtPeriodEnd(String subscriptionId, boolean cancelAtPeriodEnd,
                                                    String idempotencyKey) {
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(cancelAtPeriodEnd)
                .build();
        return snapshot(call("update subscription", () -> stripe.v1().subscriptions().update(subscriptionId, params,
                idempotencyKey == null ? RequestOptions.getDefault() : idempotent(idempotencyKey))));
    }

    @Override
    public BillingSubscription cancelNow(String subscriptionId, String idempotencyKey) {
        return snapshot(call("cancel subscription", () -> stripe.v1().subscriptions().cancel(subscriptionId,
                idempotent(idempotencyKey))));
    }

    @Override
    public Optional<BillingSubscription> retrieveSubscription(String subscriptionId) {
        try {
            return Optional.of(snapshot(stripe.v1().subscriptions().retrieve(subscriptionId)));
        } catch (InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) {
                return Optional.empty();
            }
            throw StripeErrors.translate("retrieve subscription " + subscriptionId, e);
        } catch (StripeException e) {
            throw StripeErrors.translate("retrieve subscription " + subscriptionId, e);
        }
    }

    /** Since API 2025-03-31 the billing period lives on the subscription's item. */
    private static BillingSubscription snapshot(Subscription s) {
        SubscriptionItem item = s.getItems() == null || s.getItems().getData().isEmpty() ? null
                : s.getItems().getData().get(0);
        return new BillingSubscription(s.getId(), s.getCustomer(), s.getStatus(),
                item == null || item.getPrice() == null ? null : item.getPrice().getId(),
                item == null ? null : instant(item.getCurrentPeriodStart()),
                item == null ? null : instant(item.getCurrentPeriodEnd()), instant(s.getTrialEnd()),
                Boolean.TRUE.equals(s.getCancelAtPeriodEnd()), s.getMetadata());
    }

    private static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private static <T> T call(String operation, StripeCall<T> call) {
        try {
            return call.call();
        } catch (StripeException e) {
            throw StripeErrors.translate(operation, e);
        }
    }

    private static RequestOptions idempotent(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
