package io.settle.api;

/** Keys under which every command and event carries who and why in its Axon metadata. */
public final class MetadataKeys {
    /** The user whose request caused the message ("system" for scheduled work). */
    public static final String USER_ID = "userId";
    /** From the {@code X-Request-Id} header, or generated per request; echoed in the response. */
    public static final String CORRELATION_ID = "correlationId";
    /** The Stripe event id for webhook-driven commands. */
    public static final String STRIPE_EVENT_ID = "stripeEventId";

    private MetadataKeys() {
    }
}
