package io.settle.app.gateway.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import java.time.Instant;

/** The event envelope exactly as Stripe posts it, shared by every simulated Stripe product. */
public final class StripeEventEnvelope {

    private StripeEventEnvelope() {
    }

    public static SimulatorEvent of(ObjectMapper mapper, String id, String type, ObjectNode object, Instant created) {
        return of(mapper, id, type, null, object, created);
    }

    /** A Connect event names the connected account it happened on in the top-level {@code account}. */
    public static SimulatorEvent of(ObjectMapper mapper, String id, String type, String account, ObjectNode object,
                                    Instant created) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", id);
        json.put("object", "event");
        if (account != null) {
            json.put("account", account);
        }
        json.put("api_version", Stripe.API_VERSION);
        json.put("created", created.getEpochSecond());
        json.putObject("data").set("object", object.deepCopy());
        json.put("livemode", false);
        json.put("pending_webhooks", 1);
        ObjectNode request = json.putObject("request");
        request.putNull("id");
        request.putNull("idempotency_key");
        json.put("type", type);
        try {
            return new SimulatorEvent(id, type, mapper.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write event " + type, e);
        }
    }
}
