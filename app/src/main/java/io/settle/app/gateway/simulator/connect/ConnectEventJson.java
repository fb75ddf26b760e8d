package io.settle.app.gateway.simulator.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import io.settle.app.gateway.simulator.SimulatorEvent;
import io.settle.saga.payout.ConnectGateway.CreatePayout;
import java.time.Instant;

/** Connect events as Stripe sends them to a Connect endpoint: the connected account in the top-level {@code account}. */
final class ConnectEventJson {

    private final ObjectMapper mapper = new ObjectMapper();

    SimulatorEvent accountUpdated(SimAccount account, Instant at) {
        ObjectNode object = mapper.createObjectNode();
        object.put("id", account.id);
        object.put("object", "account");
        object.put("type", "express");
        object.put("country", account.country);
        object.put("email", account.email);
        object.put("charges_enabled", account.chargesEnabled);
        object.put("payouts_enabled", account.payoutsEnabled);
        object.put("details_submitted", account.detailsSubmitted);
        ObjectNode requirements = object.putObject("requirements");
        account.currentlyDue.forEach(requirements.putArray("currently_due")::add);
        account.pastDue.forEach(requirements.putArray("past_due")::add);
        requirements.put("disabled_reason", account.disabledReason);
        ObjectNode metadata = object.putObject("metadata");
        account.metadata.forEach(metadata::put);
        return event("account.updated", account.id, object, at);
    }

    SimulatorEvent payoutEvent(String type, CreatePayout request, String payoutId, String status, String failureCode,
                               String failureMessage, Instant at) {
        ObjectNode object = mapper.createObjectNode();
        object.put("id", payoutId);
        object.put("object", "payout");
        object.put("amount", request.amount());
        object.put("currency", request.currency());
        object.put("status", status);
        object.put("method", "standard");
        object.put("arrival_date", at.getEpochSecond());
        object.put("failure_code", failureCode);
        object.put("failure_message", failureMessage);
        ObjectNode metadata = object.putObject("metadata");
        request.metadata().forEach(metadata::put);
        return event(type, request.accountId(), object, at);
    }

    private SimulatorEvent event(String type, String account, ObjectNode object, Instant created) {
        String id = SimulatedConnect.id("evt");
        ObjectNode json = mapper.createObjectNode();
        json.put("id", id);
        json.put("object", "event");
        json.put("account", account);
        json.put("api_version", Stripe.API_VERSION);
        json.put("created", created.getEpochSecond());
        json.putObject("data").set("object", object);
        json.put("livemode", false);
        json.put("pending_webhooks", 1);
        json.put("type", type);
        try {
            return new SimulatorEvent(id, type, mapper.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write event " + type, e);
        }
    }
}
