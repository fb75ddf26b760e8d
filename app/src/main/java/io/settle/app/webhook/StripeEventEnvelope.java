package io.settle.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A verified Stripe event, read with Jackson from the raw body so that mapping does not depend on the
 * API version stripe-java was built for. {@code account} is the connected account for Connect events.
 */
public record StripeEventEnvelope(String id, String type, String account, Instant created, boolean livemode,
                                  JsonNode dataObject, JsonNode raw) {

    public String objectId() {
        return dataObject.path("id").asText(null);
    }

    public String metadata(String key) {
        JsonNode value = dataObject.path("metadata").path(key);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
