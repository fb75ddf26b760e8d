package io.settle.app.gateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** Renders the simulator's objects the way Stripe's API and webhooks show them (snake_case, unix seconds). */
final class StripeJson {

    private final ObjectMapper mapper;

    StripeJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode paymentIntent(SimPaymentIntent intent) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", intent.id);
        json.put("object", "payment_intent");
        json.put("amount", intent.amount);
        json.put("amount_capturable", 0L);
        json.put("amount_received", intent.amountReceived());
        if (intent.canceledAt == null) {
            json.putNull("canceled_at");
        } else {
            json.put("canceled_at", intent.canceledAt.getEpochSecond());
        }
        json.put("cancellation_reason", intent.cancellationReason);
        json.put("capture_method", "automatic");
        json.put("client_secret", intent.clientSecret);
        json.put("confirmation_method", "automatic");
        json.put("created", intent.created.getEpochSecond());
        json.put("currency", intent.currency);
        json.put("description", intent.description);
        if (intent.lastPaymentError == null) {
            json.putNull("last_payment_error");
        } else {
            json.set("last_payment_error", paymentError(intent.lastPaymentError));
        }
        json.put("latest_charge", intent.latestChargeId);
        json.put("livemode", false);
        json.set("metadata", metadata(intent.metadata));
        if ("requires_action".equals(intent.status)) {
            json.putObject("next_action").put("type", "use_stripe_sdk");
        } else {
            json.putNull("next_action");
        }
        json.put("payment_method", intent.paymentMethod);
        json.putArray("payment_method_types").add("card");
        json.put("status", intent.status);
        json.put("transfer_group", intent.transferGroup);
        return json;
    }

    ObjectNode charge(SimCharge charge) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", charge.id);
        json.put("object", "charge");
        json.put("amount", charge.amount());
        json.put("amount_captured", charge.amount());
        json.put("amount_refunded", charge.amountRefunded);
        json.put("captured", true);
        json.put("created", charge.created.getEpochSecond());
        json.put("currency", charge.currency());
        json.put("disputed", charge.disputeId != null);
        json.put("livemode", false);
        json.set("metadata", metadata(charge.metadata()));
        json.put("paid", true);
        json.put("payment_intent", charge.paymentIntent.id);
        json.put("payment_method", charge.paymentMethod);
        json.put("refunded", charge.fullyRefunded());
        json.put("status", "succeeded");
        json.put("transfer_group", charge.paymentIntent.transferGroup);
        return json;
    }

    ObjectNode dispute(SimCharge charge) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", charge.disputeId);
        json.put("object", "dispute");
        json.put("amount", charge.disputeAmount);
        json.put("charge", charge.id);
        json.put("created", charge.disputeCreated.getEpochSecond());
        json.put("currency", charge.currency());
        json.put("is_charge_refundable", false);
        json.put("livemode", false);
        json.putObject("metadata");
        json.put("payment_intent", charge.paymentIntent.id);
        json.put("reason", charge.disputeReason);
        json.put("status", charge.disputeStatus);
        return json;
    }

    ObjectNode refund(SimRefund refund) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", refund.id());
        json.put("object", "refund");
        json.put("amount", refund.amount());
        json.put("charge", refund.charge().id);
        json.put("created", refund.created().getEpochSecond());
        json.put("currency", refund.charge().currency());
        json.set("metadata", metadata(refund.metadata()));
        json.put("payment_intent", refund.charge().paymentIntent.id);
        json.put("reason", refund.reason());
        json.put("status", SimRefund.STATUS);
        return json;
    }

    ObjectNode checkoutSession(SimCheckoutSession session) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", session.id);
        json.put("object", "checkout.session");
        json.put("amount_subtotal", session.amountTotal);
        json.put("amount_total", session.amountTotal);
        json.put("client_secret", session.clientSecret);
        json.put("created", session.created.getEpochSecond());
        json.put("currency", session.currency);
        json.put("livemode", false);
        json.set("metadata", metadata(session.metadata));
        json.put("mode", "payment");
        json.put("payment_intent", session.paymentIntentId);
        json.put("payment_status", session.paymentStatus);
        json.put("return_url", session.returnUrl);
        json.put("status", session.status);
        json.put("ui_mode", "embedded");
        return json;
    }

    /** The event envelope exactly as Stripe posts it; {@code object} is copied, so later changes don't leak in. */
    SimulatorEvent event(String type, ObjectNode object, Instant created) {
        return StripeEventEnvelope.of(mapper, SimulatorIds.next("evt"), type, object, created);
    }

    private ObjectNode paymentError(TestPaymentMethods.Decline decline) {
        ObjectNode json = mapper.createObjectNode();
        json.put("type", "card_error");
        json.put("code", decline.code());
        json.put("decline_code", decline.declineCode());
        json.put("message", decline.message());
        json.put("doc_url", "https://stripe.com/docs/error-codes/" + decline.code().replace('_', '-'));
        return json;
    }

    private ObjectNode metadata(Map<String, String> metadata) {
        ObjectNode json = mapper.createObjectNode();
        metadata.forEach(json::put);
        return json;
    }
}
