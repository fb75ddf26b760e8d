package io.settle.app.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.api.MetadataKeys;
import io.settle.api.Money;
import io.settle.api.subscription.SubscriptionCommands.RecordInvoicePaid;
import io.settle.api.subscription.SubscriptionCommands.RecordInvoicePaymentFailed;
import io.settle.api.subscription.SubscriptionCommands.RecordInvoiceRefund;
import io.settle.api.wallet.SubscriptionEarningCommands.CreditSubscriptionEarning;
import io.settle.api.wallet.SubscriptionEarningCommands.ReverseSubscriptionEarning;
import io.settle.api.wallet.WalletId;
import io.settle.app.axon.Commands;
import io.settle.app.web.ApiException;
import io.settle.app.webhook.RetryLaterException;
import io.settle.app.webhook.StripeEventEnvelope;
import io.settle.app.webhook.StripeEventHandler;
import io.settle.query.subscription.SubscriptionQueries;
import io.settle.query.subscription.SubscriptionView;
import io.settle.saga.subscription.BillingGateway;
import io.settle.saga.subscription.BillingSubscription;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Stripe Billing's events. Each is a trigger, not a state: the subscription is fetched from Stripe and its
 * current state synced, so duplicates and any order end in the same state. Invoices are recorded once
 * each; a paid fan invoice credits the provider's wallet net of the provider's commission.
 */
@Component
public class BillingEventHandler implements StripeEventHandler {

    private static final Set<String> SUBSCRIPTION_EVENTS = Set.of("customer.subscription.created",
            "customer.subscription.updated", "customer.subscription.deleted",
            "customer.subscription.trial_will_end");
    private static final Set<String> INVOICE_EVENTS = Set.of("invoice.paid", "invoice.payment_failed");

    private final Commands commands;
    private final SubscriptionQueries queries;
    private final BillingGateway billing;
    private final SubscriptionService subscriptions;
    private final SubscriptionSettings.Tiers tiers;

    public BillingEventHandler(Commands commands, SubscriptionQueries queries, BillingGateway billing,
                               SubscriptionService subscriptions, SubscriptionSettings.Tiers tiers) {
        this.commands = commands;
        this.queries = queries;
        this.billing = billing;
        this.subscriptions = subscriptions;
        this.tiers = tiers;
    }

    @Override
    public Set<String> types() {
        return union(SUBSCRIPTION_EVENTS, INVOICE_EVENTS);
    }

    @Override
    public void handle(StripeEventEnvelope event) {
        JsonNode object = event.dataObject();
        Map<String, String> metadata = Map.of(MetadataKeys.STRIPE_EVENT_ID, event.id(), MetadataKeys.USER_ID, "stripe");
        if (SUBSCRIPTION_EVENTS.contains(event.type())) {
            String ours = ourId(object.path("metadata"), object.path("id").asText());
            sync(ours, object.path("id").asText(), event.created());
            return;
        }
        String stripeSubscription = text(object, "subscription");
        JsonNode details = object.path("parent").path("subscription_details");
        if (stripeSubscription == null) {
            stripeSubscription = text(details, "subscription");
        }
        if (stripeSubscription == null) {
            return; // an invoice outside subscriptions: not ours to record
        }
        String ours = ourId(details.path("metadata"), stripeSubscription);
        String invoiceId = object.path("id").asText();
        String currency = object.path("currency").asText();
        if ("invoice.paid".equals(event.type())) {
            Money paid = Money.of(object.path("amount_paid").asLong(), currency);
            JsonNode period = object.path("lines").path("data").path(0).path("period");
            send(new RecordInvoicePaid(ours, invoiceId, paid, time(period, "start", object, "period_start"),
                    time(period, "end", object, "period_end"), text(object, "hosted_invoice_url"),
                    text(object, "invoice_pdf")), metadata);
            creditProvider(ours, invoiceId, paid, paidAt(object, event), metadata);
        } else {
            JsonNode error = object.path("last_payment_error");
            send(new RecordInvoicePaymentFailed(ours, invoiceId, Money.of(object.path("amount_due").asLong(), currency),
                    Optional.ofNullable(text(error, "decline_code")).orElse("payment_failed"), text(error, "message"),
                    text(object, "hosted_invoice_url")), metadata);
        }
        sync(ours, stripeSubscription, event.created());
    }

    /**
     * A refund of an invoice's charge ({@code charge.refunded}, routed here by the payment mapping): recorded
     * on the subscription (its cumulative amount, so repeats and any order are harmless); for a fan invoice
     * the provider's earning is reversed in proportion, at the invoice's commission rate.
     */
    public void invoiceRefunded(String invoiceId, JsonNode charge, Map<String, String> metadata) {
        String subscriptionId = queries.subscriptionIdOfInvoice(invoiceId)
                .orElseThrow(() -> new RetryLaterException("invoice " + invoiceId + " not recorded yet"));
        String currency = charge.path("currency").asText();
        Money refunded = Money.of(charge.path("amount_refunded").asLong(), currency);
        if (!refunded.positive()) {
            return;
        }
        JsonNode refunds = charge.path("refunds").path("data");
        String refundId = refunds.isArray() && !refunds.isEmpty() ? text(refunds.get(0), "id") : null;
        try {
            commands.send(new RecordInvoiceRefund(subscriptionId, invoiceId, text(charge, "id"), refunded, refundId),
                    metadata);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.CONFLICT || e.status() == HttpStatus.NOT_FOUND) {
                throw new RetryLaterException("invoice " + invoiceId + " not recorded as paid yet");
            }
            throw e;
        }
        SubscriptionView subscription = queries.subscription(subscriptionId)
                .orElseThrow(() -> new RetryLaterException("subscription " + subscriptionId + " not projected yet"));
        if ("FAN".equals(subscription.audience())) {
            String provider = subscription.providerId();
            commands.send(new ReverseSubscriptionEarning(WalletId.of(provider, currency), provider, subscriptionId,
                    invoiceId, refunded, refundId), metadata);
        }
    }

    /**
     * When the invoice was paid: the {@code invoice.paid} event's {@code created} (wall-clock time even under
     * Stripe test clocks, unlike {@code status_transitions.paid_at}, so it compares with our own event times).
     */
    private static Instant paidAt(JsonNode invoice, StripeEventEnvelope event) {
        return event.created();
    }

    /**
     * Fan revenue goes to the provider at once, net of the commission of the tier the provider was on when
     * the invoice was paid (not when the webhook arrives: a late or retried delivery after a tier change
     * keeps the rate of the payment's moment). The rate is recorded with the earning.
     */
    private void creditProvider(String subscriptionId, String invoiceId, Money paid, Instant paidAt,
                                Map<String, String> metadata) {
        if (!paid.positive()) {
            return;
        }
        SubscriptionView subscription = queries.subscription(subscriptionId)
                .orElseThrow(() -> new RetryLaterException("subscription " + subscriptionId + " not projected yet"));
        if (!"FAN".equals(subscription.audience())) {
            return;
        }
        String provider = subscription.providerId();
        int bps = commissionAt(provider, paidAt);
        Money fee = paid.share(bps);
        if (fee.equals(paid)) {
            return;
        }
        commands.send(new CreditSubscriptionEarning(WalletId.of(provider, paid.currency()), provider, subscriptionId,
                invoiceId, paid, fee, bps), metadata);
    }

    /** The provider's tier rate at {@code at}; Free's when they had no tier then. */
    int commissionAt(String providerId, Instant at) {
        return queries.tierCommissionBpsAt(providerId, at).orElseGet(tiers.free()::commissionBps);
    }

    private void sync(String subscriptionId, String stripeSubscriptionId, Instant observedAt) {
        BillingSubscription state = billing.retrieveSubscription(stripeSubscriptionId)
                .orElseThrow(() -> new RetryLaterException("Stripe does not know " + stripeSubscriptionId));
        try {
            subscriptions.sync(subscriptionId, state, observedAt);
        } catch (ApiException e) {
            throw notYet(e, subscriptionId);
        }
    }

    private void send(Object command, Map<String, String> metadata) {
        try {
            commands.send(command, metadata);
        } catch (ApiException e) {
            throw notYet(e, null);
        }
    }

    /** An event can outrun the request that records the subscription: try again later. */
    private static RuntimeException notYet(ApiException e, String subscriptionId) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            return new RetryLaterException("subscription " + subscriptionId + " not recorded yet");
        }
        return e;
    }

    private String ourId(JsonNode metadata, String stripeSubscriptionId) {
        String fromMetadata = text(metadata, SubscriptionService.METADATA_ID);
        if (fromMetadata != null) {
            return fromMetadata;
        }
        return queries.subscriptionIdForStripe(stripeSubscriptionId)
                .orElseThrow(() -> new RetryLaterException("no subscription known for " + stripeSubscriptionId));
    }

    private static Instant time(JsonNode node, String field, JsonNode fallback, String fallbackField) {
        JsonNode value = node.path(field);
        if (!value.canConvertToLong()) {
            value = fallback.path(fallbackField);
        }
        return value.canConvertToLong() ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
