package io.settle.app.webhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Refunds of charges that paid a subscription invoice, not a booking. {@link PaymentEventMapping} asks
 * first, so a {@code charge.refunded} of an invoice reaches the subscription (and, for fan invoices, the
 * provider's wallet) instead of waiting for a booking that will never exist.
 */
public interface InvoiceRefunds {

    /** The invoice the charge paid, if it paid one. */
    Optional<String> invoiceOf(JsonNode charge);

    void refunded(String invoiceId, JsonNode charge, Map<String, String> metadata);
}
