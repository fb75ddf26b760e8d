package io.settle.app.webhook;

import java.util.function.Supplier;

/**
 * The Stripe event being routed on this thread, so the router can put it into the metadata of the commands
 * it sends ({@code io.settle.api.MetadataKeys.STRIPE_EVENT_ID}) without the router contract carrying it.
 */
public final class WebhookContext {

    private static final ThreadLocal<String> EVENT_ID = new ThreadLocal<>();

    private WebhookContext() {
    }

    /** @return the id of the Stripe event being routed on this thread, or null outside routing */
    public static String currentEventId() {
        return EVENT_ID.get();
    }

    /** Runs {@code work} with {@code eventId} as the current event, restoring the previous one afterwards. */
    public static <T> T callWith(String eventId, Supplier<T> work) {
        String previous = EVENT_ID.get();
        EVENT_ID.set(eventId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                EVENT_ID.remove();
            } else {
                EVENT_ID.set(previous);
            }
        }
    }
}
