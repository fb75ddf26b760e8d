package io.settle.app.gateway.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.settle.saga.payment.PaymentGatewayException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stripe's idempotency: a key seen before with the same request replays the first response; the same key
 * with a different request is refused. Only successful responses are kept (a refused request created
 * nothing, so retrying it is harmless). Not thread-safe: used under {@link SimulatedStripe}'s lock.
 */
final class IdempotencyCache {

    private record Entry(Object request, ObjectNode response) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /** @param request everything that identifies the call (operation and parameters), compared with equals */
    Optional<ObjectNode> replay(String key, Object request) {
        if (key == null) {
            return Optional.empty();
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!Objects.equals(entry.request(), request)) {
            throw new PaymentGatewayException(PaymentGatewayException.Kind.PERMANENT, "idempotency_error",
                    "Keys for idempotent requests can only be used with the same parameters they were first "
                            + "used with. Try using a key other than '" + key + "' if you meant to execute a "
                            + "different request.");
        }
        return Optional.of(entry.response().deepCopy());
    }

    void copyFrom(IdempotencyCache other) {
        entries.putAll(other.entries);
    }

    void remember(String key, Object request, ObjectNode response) {
        if (key != null) {
            entries.put(key, new Entry(request, response.deepCopy()));
        }
    }
}
