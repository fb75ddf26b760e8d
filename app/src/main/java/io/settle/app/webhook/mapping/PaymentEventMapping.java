package io.settle.app.webhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.api.MetadataKeys;
import io.settle.api.Money;
import io.settle.api.booking.BookingCommands.AttachPaymentIntent;
import io.settle.api.booking.BookingCommands.CapturePayment;
import io.settle.api.booking.BookingCommands.CloseChargeDispute;
import io.settle.api.booking.BookingCommands.RecordChargeDispute;
import io.settle.api.booking.BookingCommands.ConfirmRefund;
import io.settle.api.booking.BookingCommands.FailPayment;
import io.settle.app.axon.Commands;
import io.settle.app.booking.BookingSettings;
import io.settle.app.wallet.CreditsService;
import io.settle.app.webhook.RetryLaterException;
import io.settle.app.webhook.StripeEventEnvelope;
import io.settle.app.webhook.StripeEventRouter;
import io.settle.query.booking.BookingQueries;
import io.settle.app.webhook.StripeEventHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The router of Stripe events: payment events map to booking and credit commands here; other types go to
 * the {@link StripeEventHandler} beans that name them (Connect, Billing, ...). Stripe promises no order,
 * so each event is a trigger whose commands are idempotent: a duplicate changes nothing, and a refund
 * seen before its payment first records the payment it implies.
 */
@Component
public class PaymentEventMapping implements StripeEventRouter {

    private final Commands commands;
    private final BookingQueries bookings;
    private final CreditsService credits;
    private final BookingSettings.HoldPeriod holdPeriod;
    private final List<StripeEventHandler> handlers;
    private final InvoiceRefunds invoiceRefunds;

    public PaymentEventMapping(Commands commands, BookingQueries bookings, CreditsService credits,
                               BookingSettings.HoldPeriod holdPeriod, List<StripeEventHandler> handlers,
                               InvoiceRefunds invoiceRefunds) {
        this.invoiceRefunds = invoiceRefunds;
        this.commands = commands;
        this.bookings = bookings;
        this.credits = credits;
        this.holdPeriod = holdPeriod;
        this.handlers = handlers;
    }

    @Override
    public boolean route(StripeEventEnvelope event) {
        Map<String, String> metadata = Map.of(MetadataKeys.STRIPE_EVENT_ID, event.id(), MetadataKeys.USER_ID, "stripe");
        JsonNode object = event.dataObject();
        switch (event.type()) {
            case "payment_intent.succeeded" -> paymentSucceeded(event, object, metadata);
            case "payment_intent.payment_failed", "payment_intent.canceled" -> paymentFailed(event, object, metadata);
            case "checkout.session.completed" -> checkoutCompleted(event, object, metadata);
            case "charge.refunded" -> chargeRefunded(object, metadata);
            case "charge.dispute.created" -> disputeCreated(object, metadata);
            case "charge.dispute.closed" -> disputeClosed(object, metadata);
            default -> {
                return delegate(event);
            }
        }
        return true;
    }

    private boolean delegate(StripeEventEnvelope event) {
        boolean handled = false;
        for (StripeEventHandler handler : handlers) {
            if (handler.types().contains(event.type())) {
                handler.handle(event);
                handled = true;
            }
        }
        return handled;
    }

    private void paymentSucceeded(StripeEventEnvelope event, JsonNode intent, Map<String, String> metadata) {
        Money received = Money.of(intent.path("amount_received").asLong(), intent.path("currency").asText());
        String bookingId = event.metadata("booking_id");
        if (bookingId != null) {
            commands.send(new CapturePayment(bookingId, intent.path("id").asText(), text(intent, "latest_charge"),
                    received, holdPeriod.value()), metadata);
        } else if (CreditsService.PURPOSE.equals(event.metadata("purpose"))) {
            credits.complete(event.metadata("purchase_id"), event.metadata("customer_id"), received,
                    intent.path("id").asText(), metadata);
        }
    }

    private void paymentFailed(StripeEventEnvelope event, JsonNode intent, Map<String, String> metadata) {
        JsonNode error = intent.path("last_payment_error");
        String code = "payment_intent.canceled".equals(event.type()) ? "canceled"
                : Optional.ofNullable(text(error, "decline_code")).orElse(text(error, "code"));
        String bookingId = event.metadata("booking_id");
        if (bookingId != null) {
            commands.send(new FailPayment(bookingId, intent.path("id").asText(), code, text(error, "message")), metadata);
        } else if (CreditsService.PURPOSE.equals(event.metadata("purpose"))) {
            credits.fail(event.metadata("purchase_id"), intent.path("id").asText(), code);
        }
    }

    private void checkoutCompleted(StripeEventEnvelope event, JsonNode session, Map<String, String> metadata) {
        String bookingId = event.metadata("booking_id");
        String paymentIntentId = text(session, "payment_intent");
        if (bookingId != null && paymentIntentId != null) {
            commands.send(new AttachPaymentIntent(bookingId, paymentIntentId, session.path("id").asText()), metadata);
        }
    }

    private void chargeRefunded(JsonNode charge, Map<String, String> metadata) {
        String paymentIntentId = text(charge, "payment_intent");
        Optional<String> invoiceId = invoiceRefunds.invoiceOf(charge);
        if (invoiceId.isPresent()) {
            invoiceRefunds.refunded(invoiceId.get(), charge, metadata);
            return;
        }
        String bookingId = Optional.ofNullable(text(charge.path("metadata"), "booking_id"))
                .or(() -> paymentIntentId == null ? Optional.empty() : bookings.bookingIdForPaymentIntent(paymentIntentId))
                .orElseThrow(() -> new RetryLaterException("no booking known yet for payment intent " + paymentIntentId));
        String currency = charge.path("currency").asText();
        long captured = charge.has("amount_captured") ? charge.path("amount_captured").asLong() : charge.path("amount").asLong();
        // a refund implies the payment: record it first in case payment_intent.succeeded is still on its way
        commands.send(new CapturePayment(bookingId, paymentIntentId, charge.path("id").asText(),
                Money.of(captured, currency), holdPeriod.value()), metadata);
        commands.send(new ConfirmRefund(bookingId, Money.of(charge.path("amount_refunded").asLong(), currency),
                charge.path("id").asText()), metadata);
    }

    /** The dispute object names the charge and its payment intent; the booking is found by the intent. */
    private String disputeCreated(JsonNode dispute, Map<String, String> metadata) {
        String paymentIntentId = text(dispute, "payment_intent");
        String bookingId = Optional.ofNullable(text(dispute.path("metadata"), "booking_id"))
                .or(() -> paymentIntentId == null ? Optional.empty() : bookings.bookingIdForPaymentIntent(paymentIntentId))
                .orElseThrow(() -> new RetryLaterException("no booking known yet for payment intent " + paymentIntentId));
        commands.send(new RecordChargeDispute(bookingId, dispute.path("id").asText(),
                Money.of(dispute.path("amount").asLong(), dispute.path("currency").asText()), text(dispute, "reason"),
                text(dispute, "status")), metadata);
        return bookingId;
    }

    /** A close may overtake its create: the dispute is recorded first (a no-op if known), then closed. */
    private void disputeClosed(JsonNode dispute, Map<String, String> metadata) {
        String bookingId = disputeCreated(dispute, metadata);
        commands.send(new CloseChargeDispute(bookingId, dispute.path("id").asText(), text(dispute, "status")), metadata);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
