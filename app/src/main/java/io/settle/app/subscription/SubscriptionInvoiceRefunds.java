package io.settle.app.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.webhook.mapping.InvoiceRefunds;
import io.settle.query.booking.BookingQueries;
import io.settle.saga.subscription.BillingGateway;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Recognises the charge of a subscription invoice: by the charge's {@code invoice} (older Stripe API
 * versions, and the simulator), else, for a PaymentIntent that no booking knows, by asking Stripe which
 * invoice it paid ({@code GET /v1/invoice_payments?payment[payment_intent]=}).
 */
@Component
public class SubscriptionInvoiceRefunds implements InvoiceRefunds {

    private final BillingEventHandler handler;
    private final BookingQueries bookings;
    private final BillingGateway billing;

    public SubscriptionInvoiceRefunds(BillingEventHandler handler, BookingQueries bookings, BillingGateway billing) {
        this.handler = handler;
        this.bookings = bookings;
        this.billing = billing;
    }

    @Override
    public Optional<String> invoiceOf(JsonNode charge) {
        String invoice = text(charge, "invoice");
        if (invoice != null) {
            return Optional.of(invoice);
        }
        String paymentIntent = text(charge, "payment_intent");
        if (paymentIntent == null || text(charge.path("metadata"), "booking_id") != null
                || text(charge.path("metadata"), "purchase_id") != null
                || bookings.bookingIdForPaymentIntent(paymentIntent).isPresent()) {
            return Optional.empty();
        }
        return billing.invoiceForPaymentIntent(paymentIntent);
    }

    @Override
    public void refunded(String invoiceId, JsonNode charge, Map<String, String> metadata) {
        handler.invoiceRefunded(invoiceId, charge, metadata);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
