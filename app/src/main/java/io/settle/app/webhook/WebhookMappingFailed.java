package io.settle.app.webhook;

/**
 * A stored Stripe event whose mapping to commands failed for good (FAILED in the inbox). Published as a
 * Spring application event for the operators' alert mail; {@code type} is null if the payload was unreadable.
 */
public record WebhookMappingFailed(String stripeEventId, String type, int attempts, String error) {
}
