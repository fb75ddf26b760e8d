package io.settle.app.gateway.simulator.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.settle.app.gateway.simulator.SimulatorEvent;
import io.settle.app.gateway.simulator.StripeEventEnvelope;
import io.settle.saga.payout.ConnectGateway.CreatePayout;
import io.settle.saga.payout.ConnectGateway.Transfer;
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

    /** A platform event: no top-level account (the transfer belongs to the platform). */
    SimulatorEvent transferReversed(Transfer transfer, Instant at) {
        ObjectNode object = mapper.createObjectNode();
        object.put("id", transfer.id());
        object.put("object", "transfer");
        object.put("amount", transfer.amount());
        object.put("amount_reversed", transfer.amount());
        object.put("currency", transfer.currency());
        object.put("destination", transfer.destination());
        object.put("reversed", true);
        object.put("transfer_group", transfer.transferGroup());
        ObjectNode metadata = object.putObject("metadata");
        transfer.metadata().forEach(metadata::put);
        return event("transfer.reversed", null, object, at);
    }

    private SimulatorEvent event(String type, String account, ObjectNode object, Instant created) {
        return StripeEventEnvelope.of(mapper, SimulatedConnect.id("evt"), type, account, object, created);
    }
}
