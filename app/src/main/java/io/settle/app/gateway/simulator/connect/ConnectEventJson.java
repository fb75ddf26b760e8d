package io.settle.app.gateway.simulator.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.settle.app.gateway.simulator.SimulatorEvent;
import io.settle.app.gateway.simulator.StripeEventEnvelope;
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
        return StripeEventEnvelope.of(mapper, SimulatedConnect.id("evt"), type, account, object, created);
    }
}
