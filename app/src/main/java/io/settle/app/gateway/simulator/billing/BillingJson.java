package io.settle.app.gateway.simulator.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.settle.app.gateway.simulator.SimulatorEvent;
import io.settle.app.gateway.simulator.StripeEventEnvelope;
import io.settle.app.gateway.simulator.billing.SimulatedBilling.SimInvoice;
import io.settle.app.gateway.simulator.billing.SimulatedBilling.SimSubscription;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

/** Subscriptions, invoices and their events as Stripe's API shows them (snake_case, unix seconds). */
final class BillingJson {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper mapper;

    BillingJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static String id(String prefix) {
        StringBuilder text = new StringBuilder(prefix).append("_sim_");
        for (int i = 0; i < 24; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    ObjectNode subscription(SimSubscription s) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", s.id);
        json.put("object", "subscription");
        json.put("customer", s.customerId);
        json.put("status", s.status);
        json.put("cancel_at_period_end", s.cancelAtPeriodEnd);
        time(json, "cancel_at", s.cancelAtPeriodEnd ? s.periodEnd : null);
        time(json, "canceled_at", s.canceledAt);
        time(json, "ended_at", s.endedAt);
        time(json, "created", s.created);
        time(json, "current_period_start", s.periodStart);
        time(json, "current_period_end", s.periodEnd);
        time(json, "trial_end", s.trialEnd);
        json.put("latest_invoice", s.latestInvoice);
        json.put("livemode", false);
        json.set("metadata", metadata(s.metadata));
        ObjectNode item = json.putObject("items").put("object", "list").putArray("data").addObject();
        item.put("object", "subscription_item");
        time(item, "current_period_start", s.periodStart);
        time(item, "current_period_end", s.periodEnd);
        ObjectNode price = item.putObject("price");
        price.put("id", s.price.id());
        price.put("object", "price");
        price.put("unit_amount", s.price.amount().amount());
        price.put("currency", s.price.amount().currency());
        price.putObject("recurring").put("interval", s.price.interval().name());
        return json;
    }

    ObjectNode invoice(SimInvoice i) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", i.id);
        json.put("object", "invoice");
        json.put("customer", i.customerId);
        json.put("subscription", i.subscriptionId);
        json.put("status", i.status);
        json.put("billing_reason", i.billingReason);
        json.put("currency", i.amount.currency());
        json.put("amount_due", i.amount.amount());
        json.put("amount_paid", "paid".equals(i.status) ? i.amount.amount() : 0);
        json.put("attempt_count", i.attempts);
        time(json, "created", i.created);
        time(json, "period_start", i.periodStart);
        time(json, "period_end", i.periodEnd);
        if (i.paymentIntentId != null) {
            json.putObject("payments").put("object", "list").putArray("data").addObject()
                    .put("object", "invoice_payment").putObject("payment").put("type", "payment_intent")
                    .put("payment_intent", i.paymentIntentId);
        }
        json.put("hosted_invoice_url", "https://invoice.stripe.com/i/sim/" + i.id);
        json.put("invoice_pdf", "https://pay.stripe.com/invoice/sim/" + i.id + "/pdf");
        json.put("livemode", false);
        ObjectNode line = json.putObject("lines").put("object", "list").putArray("data").addObject();
        line.put("amount", i.amount.amount());
        ObjectNode period = line.putObject("period");
        time(period, "start", i.periodStart);
        time(period, "end", i.periodEnd);
        ObjectNode details = json.putObject("parent").put("type", "subscription_details")
                .putObject("subscription_details");
        details.put("subscription", i.subscriptionId);
        details.set("metadata", metadata(i.subscriptionMetadata));
        if (i.failureCode != null) {
            // not a field of Stripe's invoice (it lives on the charge); the simulator adds it for convenience
            json.putObject("last_payment_error").put("decline_code", i.failureCode).put("message", i.failureMessage);
        }
        return json;
    }

    /** The charge that paid an invoice, after a refund of {@code refunded} (the newest refund). */
    ObjectNode invoiceCharge(SimInvoice i, String refundId, long refunded) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", i.chargeId);
        json.put("object", "charge");
        json.put("customer", i.customerId);
        json.put("payment_intent", i.paymentIntentId);
        json.put("invoice", i.id); // Stripe dropped it from the charge in 2025-03-31; kept here as a shortcut
        json.put("currency", i.amount.currency());
        json.put("amount", i.amount.amount());
        json.put("amount_captured", i.amount.amount());
        json.put("amount_refunded", i.amountRefunded);
        json.put("refunded", i.amountRefunded == i.amount.amount());
        json.put("paid", true);
        json.put("status", "succeeded");
        json.put("livemode", false);
        json.putObject("metadata");
        ObjectNode refund = json.putObject("refunds").put("object", "list").putArray("data").addObject();
        refund.put("id", refundId);
        refund.put("object", "refund");
        refund.put("amount", refunded);
        refund.put("charge", i.chargeId);
        refund.put("status", "succeeded");
        return json;
    }

    /** The event envelope exactly as Stripe posts it; created in wall-clock time like test-clock events. */
    SimulatorEvent event(String type, ObjectNode object) {
        return StripeEventEnvelope.of(mapper, id("evt"), type, object, Instant.now());
    }

    private static void time(ObjectNode json, String field, Instant at) {
        if (at == null) {
            json.putNull(field);
        } else {
            json.put(field, at.getEpochSecond());
        }
    }

    private ObjectNode metadata(Map<String, String> metadata) {
        ObjectNode json = mapper.createObjectNode();
        metadata.forEach(json::put);
        return json;
    }
}
