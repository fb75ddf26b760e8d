package io.settle.app.gateway.simulator.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.settle.api.Money;
import io.settle.api.subscription.BillingInterval;
import io.settle.app.gateway.simulator.SimulatedStripe;
import io.settle.app.gateway.simulator.SimulatorEvent;
import io.settle.app.gateway.simulator.SimulatorEventSink;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentGatewayException.Kind;
import io.settle.saga.subscription.BillingGateway.PaymentMethodDetails;
import io.settle.saga.subscription.BillingGateway.PriceRef;
import io.settle.saga.subscription.BillingSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe Billing in test mode, in memory, with one test clock: customers and their payment methods,
 * products and prices, subscriptions with trials, renewals, proration and cancel-at-period-end, and the
 * invoices they produce. {@link #advance(Duration)} moves the clock and does what Stripe would have done
 * meanwhile (trial ends, renewals paid or failed, scheduled cancellations), publishing the same webhook
 * events. A customer whose default method is a {@code pm_card_chargeDeclined*} card fails to pay.
 * Like the rest of the simulator it forgets everything on restart; prices are re-learnt from the
 * {@link PriceRef} callers send.
 */
public class SimulatedBilling {

    static final Duration TRIAL_WILL_END_NOTICE = Duration.ofDays(3);

    private final SimulatorEventSink events;
    private final Clock clock;
    private final BillingJson json = new BillingJson(new ObjectMapper());
    private final Map<String, Object> idempotency = new HashMap<>();
    private final Map<String, SimCustomer> customers = new HashMap<>();
    private final Map<String, SimPaymentMethod> paymentMethods = new HashMap<>();
    private final Map<String, SimPrice> prices = new HashMap<>();
    final Map<String, SimSubscription> subscriptions = new LinkedHashMap<>();
    final Map<String, SimInvoice> invoices = new LinkedHashMap<>();
    private Duration offset = Duration.ZERO;

    public SimulatedBilling(SimulatorEventSink events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** The test clock: the application's clock plus every advance so far. */
    /** A saved payment method's test card and customer, so the simulated payments can charge it. */
    public synchronized Optional<SimulatedStripe.SavedCard> savedCard(String paymentMethodId) {
        SimPaymentMethod method = paymentMethodId == null ? null : paymentMethods.get(paymentMethodId);
        return method == null || method.customerId == null ? Optional.empty()
                : Optional.of(new SimulatedStripe.SavedCard(method.testCard, method.customerId));
    }

    public synchronized Instant now() {
        return clock.instant().plus(offset);
    }

    /** Moves the test clock forward and runs what fell due meanwhile, in time order. Returns the new time. */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward");
        }
        return run(null, out -> {
            offset = offset.plus(duration);
            Instant now = now();
            List<SimSubscription> due = new ArrayList<>(subscriptions.values());
            due.sort(Comparator.comparing(s -> s.nextBoundary()));
            for (SimSubscription subscription : due) {
                catchUp(subscription, now, out);
            }
            return now;
        });
    }

    public String createCustomer(String userId, String idempotencyKey) {
        return run(idempotencyKey, out -> {
            SimCustomer customer = new SimCustomer(BillingJson.id("cus"), userId);
            customers.put(customer.id, customer);
            return customer.id;
        });
    }

    /** Like Stripe, attaching a test card ({@code pm_card_visa}) creates a new PaymentMethod on the customer. */
    public PaymentMethodDetails attachPaymentMethod(String customerId, String paymentMethodId, boolean makeDefault) {
        return run(null, out -> {
            SimCustomer customer = customer(customerId);
            SimPaymentMethod method = paymentMethods.get(paymentMethodId);
            if (method == null) {
                if (paymentMethodId == null || !paymentMethodId.startsWith("pm_card_")) {
                    throw missing("payment_method", paymentMethodId);
                }
                method = SimPaymentMethod.fromTestCard(BillingJson.id("pm"), paymentMethodId);
                paymentMethods.put(method.id, method);
            }
            method.customerId = customer.id;
            if (makeDefault || customer.defaultPaymentMethod == null) {
                customer.defaultPaymentMethod = method.id;
                retryOpenInvoices(customer, out);
            }
            return method.details();
        });
    }

    public void setDefaultPaymentMethod(String customerId, String paymentMethodId) {
        run(null, out -> {
            SimCustomer customer = customer(customerId);
            SimPaymentMethod method = paymentMethods.get(paymentMethodId);
            if (method == null || !customer.id.equals(method.customerId)) {
                throw missing("payment_method", paymentMethodId);
            }
            customer.defaultPaymentMethod = method.id;
            retryOpenInvoices(customer, out);
            return null;
        });
    }

    public void detachPaymentMethod(String paymentMethodId) {
        run(null, out -> {
            SimPaymentMethod method = paymentMethods.get(paymentMethodId);
            if (method == null) {
                throw missing("payment_method", paymentMethodId);
            }
            SimCustomer customer = customers.get(method.customerId);
            if (customer != null && paymentMethodId.equals(customer.defaultPaymentMethod)) {
                customer.defaultPaymentMethod = null;
            }
            method.customerId = null;
            return null;
        });
    }

    public String createProduct(String name, String idempotencyKey) {
        return run(idempotencyKey, out -> BillingJson.id("prod"));
    }

    public String createPrice(String productId, Money amount, BillingInterval interval, String idempotencyKey) {
        return run(idempotencyKey, out -> {
            SimPrice price = new SimPrice(BillingJson.id("price"), productId, amount, interval);
            prices.put(price.id(), price);
            return price.id();
        });
    }

    public BillingSubscription createSubscription(String customerId, PriceRef priceRef, int trialDays,
                                                  Map<String, String> metadata, String idempotencyKey) {
        return run(idempotencyKey, out -> {
            SimCustomer customer = customer(customerId);
            SimPrice price = price(priceRef);
            Instant now = now();
            SimSubscription subscription = new SimSubscription(BillingJson.id("sub"), customer.id, price, metadata, now);
            if (trialDays > 0) {
                subscription.status = "trialing";
                subscription.trialEnd = now.plus(Duration.ofDays(trialDays));
                subscription.periodStart = now;
                subscription.periodEnd = subscription.trialEnd;
                List<SimulatorEvent> paid = new ArrayList<>();
                invoice(subscription, Money.zero(price.amount().currency()), "subscription_create", now,
                        subscription.trialEnd, paid);
                subscriptions.put(subscription.id, subscription);
                out.add(json.event("customer.subscription.created", json.subscription(subscription)));
                out.addAll(paid);
                return subscription.snapshot();
            }
            subscription.periodStart = now;
            subscription.periodEnd = plus(now, price.interval());
            List<SimulatorEvent> paid = new ArrayList<>();
            SimInvoice first = invoice(subscription, price.amount(), "subscription_create", now, subscription.periodEnd,
                    paid);
            if (!"paid".equals(first.status)) {
                // payment_behavior=error_if_incomplete: a declined first payment creates nothing
                invoices.remove(first.id);
                throw new PaymentGatewayException(Kind.DECLINED, first.failureCode, first.failureMessage);
            }
            subscription.status = "active";
            subscriptions.put(subscription.id, subscription);
            out.add(json.event("customer.subscription.created", json.subscription(subscription)));
            out.addAll(paid);
            return subscription.snapshot();
        });
    }

    /**
     * Switches the price now. With {@code prorate}, an upgrade's unused-time difference is invoiced and
     * charged at once (Stripe's {@code always_invoice}); if that payment is declined nothing changes
     * ({@code pending_if_incomplete}). Downgrades are not credited back.
     */
    public BillingSubscription changePrice(String subscriptionId, PriceRef priceRef, boolean prorate,
                                           String idempotencyKey) {
        return run(idempotencyKey, out -> {
            SimSubscription subscription = subscription(subscriptionId);
            requireNotCanceled(subscription);
            SimPrice price = price(priceRef);
            Instant now = now();
            long difference = price.amount().amount() - subscription.price.amount().amount();
            if (prorate && difference > 0 && "active".equals(subscription.status)) {
                long total = Duration.between(subscription.periodStart, subscription.periodEnd).toSeconds();
                long left = Math.max(0, Duration.between(now, subscription.periodEnd).toSeconds());
                long prorated = total == 0 ? difference : Math.round((double) difference * left / total);
                if (prorated > 0) {
                    List<SimulatorEvent> produced = new ArrayList<>();
                    SimInvoice invoice = invoice(subscription, Money.of(prorated, price.amount().currency()),
                            "subscription_update", now, subscription.periodEnd, produced);
                    if (!"paid".equals(invoice.status)) {
                        invoices.remove(invoice.id);
                        throw new PaymentGatewayException(Kind.DECLINED, invoice.failureCode, invoice.failureMessage);
                    }
                    out.addAll(produced);
                }
            }
            subscription.price = price;
            subscription.scheduledPrice = null; // a change now replaces a scheduled one
            out.add(0, json.event("customer.subscription.updated", json.subscription(subscription)));
            return subscription.snapshot();
        });
    }

    /** Like a Stripe subscription schedule with a second phase: the renewal switches to {@code priceRef}. */
    public BillingSubscription schedulePriceChange(String subscriptionId, PriceRef priceRef, String idempotencyKey) {
        return run(idempotencyKey, out -> {
            SimSubscription subscription = subscription(subscriptionId);
            requireNotCanceled(subscription);
            SimPrice price = price(priceRef);
            subscription.scheduledPrice = price.id().equals(subscription.price.id()) ? null : price;
            out.add(json.event("customer.subscription.updated", json.subscription(subscription)));
            return subscription.snapshot();
        });
    }

    public BillingSubscription cancelScheduledPriceChange(String subscriptionId) {
        return run(null, out -> {
            SimSubscription subscription = subscription(subscriptionId);
            if (subscription.scheduledPrice != null) {
                subscription.scheduledPrice = null;
                out.add(json.event("customer.subscription.updated", json.subscription(subscription)));
            }
            return subscription.snapshot();
        });
    }

    public synchronized java.util.Optional<String> invoiceForPaymentIntent(String paymentIntentId) {
        return invoices.values().stream().filter(i -> paymentIntentId.equals(i.paymentIntentId)).map(i -> i.id)
                .findFirst();
    }

    /**
     * Refunds {@code amount} (all that is left when null) of a paid invoice's charge, as a refund made in
     * Stripe's dashboard would: {@code charge.refunded} with the charge's cumulative {@code amount_refunded}.
     */
    public String refundInvoice(String invoiceId, Long amount) {
        return run(null, out -> {
            SimInvoice invoice = invoices.get(invoiceId);
            if (invoice == null) {
                throw missing("invoice", invoiceId);
            }
            if (!"paid".equals(invoice.status) || invoice.chargeId == null) {
                throw new PaymentGatewayException(Kind.PERMANENT, "charge_not_refundable",
                        "Invoice " + invoiceId + " has no paid charge to refund.");
            }
            long left = invoice.amount.amount() - invoice.amountRefunded;
            long refund = amount == null ? left : amount;
            if (refund <= 0 || refund > left) {
                throw new PaymentGatewayException(Kind.PERMANENT, "amount_too_large",
                        "Refund amount must be within 1.." + left + ".");
            }
            invoice.amountRefunded += refund;
            String refundId = BillingJson.id("re");
            out.add(json.event("charge.refunded", json.invoiceCharge(invoice, refundId, refund)));
            return refundId;
        });
    }

    public BillingSubscription setCancelAtPeriodEnd(String subscriptionId, boolean cancelAtPeriodEnd,
                                                    String idempotencyKey) {
        return run(idempotencyKey, out -> {
            SimSubscription subscription = subscription(subscriptionId);
            requireNotCanceled(subscription);
            if (subscription.cancelAtPeriodEnd != cancelAtPeriodEnd) {
                subscription.cancelAtPeriodEnd = cancelAtPeriodEnd;
                out.add(json.event("customer.subscription.updated", json.subscription(subscription)));
            }
            return subscription.snapshot();
        });
    }

    public BillingSubscription cancelNow(String subscriptionId, String idempotencyKey) {
        return run(idempotencyKey, out -> {
            SimSubscription subscription = subscription(subscriptionId);
            if (!"canceled".equals(subscription.status)) {
                end(subscription, now(), out);
            }
            return subscription.snapshot();
        });
    }

    public synchronized java.util.Optional<BillingSubscription> retrieveSubscription(String subscriptionId) {
        return java.util.Optional.ofNullable(subscriptions.get(subscriptionId)).map(SimSubscription::snapshot);
    }

    /** Everything that fell due up to {@code now}: trial ends, renewals, scheduled cancellations. */
    private void catchUp(SimSubscription subscription, Instant now, List<SimulatorEvent> out) {
        while (!"canceled".equals(subscription.status)) {
            if ("trialing".equals(subscription.status) && !subscription.trialWillEndSent
                    && !now.isBefore(subscription.trialEnd.minus(TRIAL_WILL_END_NOTICE))) {
                subscription.trialWillEndSent = true;
                out.add(json.event("customer.subscription.trial_will_end", json.subscription(subscription)));
            }
            Instant boundary = subscription.nextBoundary();
            if (now.isBefore(boundary) || "past_due".equals(subscription.status)) {
                return;
            }
            if (subscription.cancelAtPeriodEnd) {
                end(subscription, boundary, out);
                return;
            }
            if (subscription.scheduledPrice != null) {
                subscription.price = subscription.scheduledPrice; // the schedule's next phase starts
                subscription.scheduledPrice = null;
            }
            subscription.periodStart = boundary;
            subscription.periodEnd = plus(boundary, subscription.price.interval());
            List<SimulatorEvent> invoiceEvents = new ArrayList<>();
            SimInvoice invoice = invoice(subscription, subscription.price.amount(), "subscription_cycle", boundary,
                    subscription.periodEnd, invoiceEvents);
            subscription.status = "paid".equals(invoice.status) ? "active" : "past_due";
            out.add(json.event("customer.subscription.updated", json.subscription(subscription)));
            out.addAll(invoiceEvents);
        }
    }

    /** A customer who sets a working default card pays what is open; Stripe's retry would do the same. */
    private void retryOpenInvoices(SimCustomer customer, List<SimulatorEvent> out) {
        for (SimInvoice invoice : invoices.values()) {
            SimSubscription subscription = subscriptions.get(invoice.subscriptionId);
            if ("open".equals(invoice.status) && customer.id.equals(invoice.customerId)
                    && subscription != null && "past_due".equals(subscription.status)) {
                if (pay(invoice, customer, out)) {
                    subscription.status = "active";
                    out.add(json.event("customer.subscription.updated", json.subscription(subscription)));
                }
            }
        }
    }

    private SimInvoice invoice(SimSubscription subscription, Money amount, String reason, Instant periodStart,
                               Instant periodEnd, List<SimulatorEvent> out) {
        SimInvoice invoice = new SimInvoice(BillingJson.id("in"), subscription, amount, reason, periodStart, periodEnd,
                now());
        invoices.put(invoice.id, invoice);
        subscription.latestInvoice = invoice.id;
        pay(invoice, customers.get(subscription.customerId), out);
        return invoice;
    }

    private boolean pay(SimInvoice invoice, SimCustomer customer, List<SimulatorEvent> out) {
        if (invoice.amount.amount() > 0) {
            SimPaymentMethod method = customer.defaultPaymentMethod == null ? null
                    : paymentMethods.get(customer.defaultPaymentMethod);
            String[] decline = method == null
                    ? new String[] {"missing_payment_method", "The customer has no default payment method."}
                    : method.decline();
            if (decline != null) {
                invoice.status = "open";
                invoice.failureCode = decline[0];
                invoice.failureMessage = decline[1];
                invoice.attempts++;
                out.add(json.event("invoice.payment_failed", json.invoice(invoice)));
                return false;
            }
        }
        invoice.status = "paid";
        invoice.paidAt = now();
        if (invoice.amount.amount() > 0) {
            invoice.paymentIntentId = BillingJson.id("pi");
            invoice.chargeId = BillingJson.id("ch");
        }
        out.add(json.event("invoice.paid", json.invoice(invoice)));
        return true;
    }

    private void end(SimSubscription subscription, Instant at, List<SimulatorEvent> out) {
        subscription.status = "canceled";
        subscription.canceledAt = at;
        subscription.endedAt = at;
        out.add(json.event("customer.subscription.deleted", json.subscription(subscription)));
    }

    private SimPrice price(PriceRef ref) {
        return prices.computeIfAbsent(ref.priceId(), id -> new SimPrice(id, null, ref.amount(), ref.interval()));
    }

    private SimCustomer customer(String id) {
        // forgotten after a restart of the simulator: re-created empty, as a fresh test-mode customer
        return customers.computeIfAbsent(id, missing -> new SimCustomer(missing, null));
    }

    private SimSubscription subscription(String id) {
        SimSubscription subscription = subscriptions.get(id);
        if (subscription == null) {
            throw missing("subscription", id);
        }
        return subscription;
    }

    private static void requireNotCanceled(SimSubscription subscription) {
        if ("canceled".equals(subscription.status)) {
            throw new PaymentGatewayException(Kind.PERMANENT, "resource_missing",
                    "A canceled subscription can only update its cancellation_details and metadata.");
        }
    }

    static Instant plus(Instant start, BillingInterval interval) {
        return interval == BillingInterval.year
                ? start.atZone(ZoneOffset.UTC).plusYears(1).toInstant()
                : start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    private static PaymentGatewayException missing(String object, String id) {
        return new PaymentGatewayException(Kind.PERMANENT, "resource_missing", "No such " + object + ": '" + id + "'");
    }

    private interface Body<T> {
        T apply(List<SimulatorEvent> out);
    }

    /** One API call: replays an idempotency key, else changes state under the lock, then publishes its events. */
    @SuppressWarnings("unchecked")
    private <T> T run(String idempotencyKey, Body<T> body) {
        List<SimulatorEvent> produced = new ArrayList<>();
        T result;
        synchronized (this) {
            if (idempotencyKey != null && idempotency.containsKey(idempotencyKey)) {
                return (T) idempotency.get(idempotencyKey);
            }
            result = body.apply(produced);
            if (idempotencyKey != null) {
                idempotency.put(idempotencyKey, result);
            }
        }
        produced.forEach(events::publish);
        return result;
    }

    // --- the simulator's objects ---

    static final class SimCustomer {
        final String id;
        final String userId;
        String defaultPaymentMethod;

        SimCustomer(String id, String userId) {
            this.id = id;
            this.userId = userId;
        }
    }

    record SimPrice(String id, String productId, Money amount, BillingInterval interval) {
    }

    static final class SimPaymentMethod {
        final String id;
        final String testCard;
        String customerId;

        private SimPaymentMethod(String id, String testCard) {
            this.id = id;
            this.testCard = testCard;
        }

        static SimPaymentMethod fromTestCard(String id, String testCard) {
            return new SimPaymentMethod(id, testCard);
        }

        /** {code, message} of the decline this card produces, or null if it pays. */
        String[] decline() {
            if (testCard.equals("pm_card_chargeDeclinedInsufficientFunds")) {
                return new String[] {"insufficient_funds", "Your card has insufficient funds."};
            }
            if (testCard.startsWith("pm_card_chargeDeclined")) {
                return new String[] {"generic_decline", "Your card was declined."};
            }
            return null;
        }

        PaymentMethodDetails details() {
            String brand = testCard.contains("mastercard") ? "mastercard" : testCard.contains("amex") ? "amex" : "visa";
            String last4 = decline() == null ? "4242" : "0002";
            return new PaymentMethodDetails(id, brand, last4, 12, now().getYear() + 3);
        }

        private static java.time.LocalDate now() {
            return java.time.LocalDate.now(ZoneOffset.UTC);
        }
    }

    static final class SimSubscription {
        final String id;
        final String customerId;
        final Map<String, String> metadata;
        final Instant created;
        SimPrice price;
        SimPrice scheduledPrice;
        String status;
        Instant periodStart;
        Instant periodEnd;
        Instant trialEnd;
        Instant canceledAt;
        Instant endedAt;
        boolean cancelAtPeriodEnd;
        boolean trialWillEndSent;
        String latestInvoice;

        SimSubscription(String id, String customerId, SimPrice price, Map<String, String> metadata, Instant created) {
            this.id = id;
            this.customerId = customerId;
            this.price = price;
            this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            this.created = created;
        }

        Instant nextBoundary() {
            return periodEnd == null ? Instant.MAX : periodEnd;
        }

        BillingSubscription snapshot() {
            return new BillingSubscription(id, customerId, status, price.id(), periodStart, periodEnd, trialEnd,
                    cancelAtPeriodEnd, metadata);
        }
    }

    static final class SimInvoice {
        final String id;
        final String subscriptionId;
        final String customerId;
        final Map<String, String> subscriptionMetadata;
        final Money amount;
        final String billingReason;
        final Instant periodStart;
        final Instant periodEnd;
        final Instant created;
        String status = "open";
        Instant paidAt;
        String failureCode;
        String failureMessage;
        int attempts;
        String paymentIntentId;
        String chargeId;
        long amountRefunded;

        SimInvoice(String id, SimSubscription subscription, Money amount, String billingReason, Instant periodStart,
                   Instant periodEnd, Instant created) {
            this.id = id;
            this.subscriptionId = subscription.id;
            this.customerId = subscription.customerId;
            this.subscriptionMetadata = subscription.metadata;
            this.amount = amount;
            this.billingReason = billingReason;
            this.periodStart = periodStart;
            this.periodEnd = periodEnd;
            this.created = created;
        }
    }
}
