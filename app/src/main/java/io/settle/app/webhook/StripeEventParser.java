package io.settle.app.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.settle.app.web.ApiException;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Reads a Stripe event body into a {@link StripeEventEnvelope} with plain Jackson. */
@Component
public class StripeEventParser {

    /** The inbox columns' width; Stripe's ids are far shorter. */
    static final int MAX_ID_LENGTH = 255;

    private final ObjectMapper json;

    public StripeEventParser(ObjectMapper json) {
        this.json = json;
    }

    /** @throws ApiException 400 {@code VALIDATION_ERROR} when the body is not a Stripe event */
    public StripeEventEnvelope parse(String payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw ApiException.validation("The webhook body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.validation("The webhook body is not a JSON object");
        }
        String id = requiredText(root, "id");
        String type = requiredText(root, "type");
        String account = optionalText(root, "account");
        JsonNode created = root.path("created");
        return new StripeEventEnvelope(id, type, account,
                created.canConvertToLong() ? Instant.ofEpochSecond(created.asLong()) : null,
                root.path("livemode").asBoolean(false),
                root.path("data").path("object"),
                root);
    }

    private static String requiredText(JsonNode root, String field) {
        String value = optionalText(root, field);
        if (value == null || value.isBlank()) {
            throw ApiException.validation("The webhook event has no '" + field + "'");
        }
        return value;
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().length() > MAX_ID_LENGTH) {
            throw ApiException.validation("The webhook event's '" + field + "' must be a string of at most "
                    + MAX_ID_LENGTH + " characters");
        }
        return node.asText();
    }
}
