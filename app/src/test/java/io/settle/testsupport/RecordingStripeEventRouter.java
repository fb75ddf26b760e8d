package io.settle.testsupport;

import io.settle.app.webhook.RetryLaterException;
import io.settle.app.webhook.StripeEventEnvelope;
import io.settle.app.webhook.StripeEventRouter;
import io.settle.app.webhook.WebhookContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The router every integration test context uses: it records each routing (with the event id
 * {@link WebhookContext} carried at the time) and answers as programmed per event id or per type.
 * Whatever is not programmed goes to the application's real router, so tests of the real mapping see no
 * difference; without a real router, unprogrammed events are ignored.
 * <pre>
 * router.onEvent("evt_1", RecordingStripeEventRouter.retryLater("not yet"), RecordingStripeEventRouter.handled());
 * </pre>
 * Each routing takes the next programmed behaviour; the last one repeats.
 */
@Component
@Primary
public class RecordingStripeEventRouter implements StripeEventRouter {

    @FunctionalInterface
    public interface Behaviour {
        boolean route(StripeEventEnvelope event);
    }

    public record Routing(StripeEventEnvelope event, String contextEventId) {
    }

    private final ObjectProvider<StripeEventRouter> routers;
    private final List<Routing> routings = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Behaviour>> byEventId = new ConcurrentHashMap<>();
    private final Map<String, Deque<Behaviour>> byType = new ConcurrentHashMap<>();

    public RecordingStripeEventRouter(ObjectProvider<StripeEventRouter> routers) {
        this.routers = routers;
    }

    public static Behaviour handled() {
        return event -> true;
    }

    public static Behaviour ignored() {
        return event -> false;
    }

    public static Behaviour retryLater(String reason) {
        return event -> {
            throw new RetryLaterException(reason);
        };
    }

    public static Behaviour fail(RuntimeException error) {
        return event -> {
            throw error;
        };
    }

    public void onEvent(String eventId, Behaviour... behaviours) {
        byEventId.put(eventId, new ArrayDeque<>(List.of(behaviours)));
    }

    public void onType(String type, Behaviour... behaviours) {
        byType.put(type, new ArrayDeque<>(List.of(behaviours)));
    }

    public List<Routing> routings(String eventId) {
        return routings.stream().filter(r -> r.event().id().equals(eventId)).toList();
    }

    public int timesRouted(String eventId) {
        return routings(eventId).size();
    }

    /** Forgets what was programmed and recorded (contexts are shared between test classes). */
    public void reset() {
        routings.clear();
        byEventId.clear();
        byType.clear();
    }

    @Override
    public boolean route(StripeEventEnvelope event) {
        routings.add(new Routing(event, WebhookContext.currentEventId()));
        Behaviour programmed = next(byEventId.get(event.id()));
        if (programmed == null) {
            programmed = next(byType.get(event.type()));
        }
        if (programmed != null) {
            return programmed.route(event);
        }
        return routers.orderedStream().filter(router -> router != this).findFirst()
                .map(real -> real.route(event))
                .orElse(false);
    }

    private static Behaviour next(Deque<Behaviour> behaviours) {
        if (behaviours == null) {
            return null;
        }
        synchronized (behaviours) {
            return behaviours.size() > 1 ? behaviours.poll() : behaviours.peek();
        }
    }
}
