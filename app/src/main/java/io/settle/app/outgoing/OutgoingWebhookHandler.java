package io.settle.app.outgoing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.settle.api.booking.BookingEvents.BookingCancelled;
import io.settle.api.booking.BookingEvents.BookingFulfilmentFailed;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.BookingRequested;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.DisputeResolved;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.BookingEvents.PaymentFailed;
import io.settle.api.booking.BookingEvents.RefundFailed;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCanceled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaid;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaymentFailed;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPastDue;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChanged;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionStarted;
import io.settle.app.notify.DomainFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

/**
 * Writes one delivery per subscribed endpoint for each domain event that has a public type. Its own
 * tracking processor ("outgoing-webhooks"): the rows commit with the processor's token, so each event is
 * queued exactly once per endpoint (unique endpoint + event id) and a crash loses nothing. Never replayed:
 * a projection rebuild must not notify the marketplace again.
 */
@Component
@ProcessingGroup(OutgoingWebhookHandler.PROCESSING_GROUP)
@DisallowReplay
public class OutgoingWebhookHandler {

    public static final String PROCESSING_GROUP = "outgoing-webhooks";

    private final OutgoingWebhookStore store;
    private final DomainFacts facts;
    private final ObjectMapper json;
    private final Clock clock;

    public OutgoingWebhookHandler(OutgoingWebhookStore store, DomainFacts facts, ObjectMapper json, Clock clock) {
        this.store = store;
        this.facts = facts;
        this.json = json;
        this.clock = clock;
    }

    /** The public event id: stable for one domain event, so receivers can deduplicate on it. */
    public static String publicId(String axonEventId) {
        return "evt_" + axonEventId.replace("-", "");
    }

    @EventHandler
    void on(FundsHeld e, @MessageIdentifier String id, @Timestamp Instant at) {
        booking(OutgoingEventType.BOOKING_PAID, e.bookingId(), e, id, at);
    }

    @EventHandler
    void on(PaymentFailed e, @MessageIdentifier String id, @Timestamp Instant at) {
        booking(OutgoingEventType.BOOKING_PAYMENT_FAILED, e.bookingId(), e, id, at);
    }

    @EventHandler
    void on(BookingCancelled e, @MessageIdentifier String id, @Timestamp Instant at) {
        booking(OutgoingEventType.BOOKING_CANCELLED, e.bookingId(), e, id, at);
    }

    @EventHandler
    void on(DisputeOpened e, @MessageIdentifier String id, @Timestamp Instant at) {
        booking(OutgoingEventType.BOOKING_DISPUTED, e.bookingId(), e, id, at);
    }

    @EventHandler
    void on(DisputeResolved e, @MessageIdentifier String id, @Timestamp Instant at) {
        booking(OutgoingEventType.BOOKING_DISPUTE_RESOLVED, e.bookingId(), e, id, at);
    }

    @EventHandler
    void on(EscrowReleased e, @MessageIdentifier String id, @Timestamp Instant at) {
        booking(OutgoingEventType.BOOKING_RELEASED, e.bookingId(), e, id, at);
    }

    @EventHandler
    void on(BookingFulfilmentFailed e, @MessageIdentifier String id, @Timestamp Instant at) {
        booking(OutgoingEventType.BOOKING_FULFILMENT_FAILED, e.bookingId(), e, id, at);
    }

    @EventHandler
    void on(BookingRefunded e, @MessageIdentifier String id, @Timestamp Instant at) {
        booking(OutgoingEventType.BOOKING_REFUNDED, e.bookingId(), e, id, at);
    }

    @EventHandler
    void on(RefundFailed e, @MessageIdentifier String id, @Timestamp Instant at) {
        booking(OutgoingEventType.BOOKING_REFUND_FAILED, e.bookingId(), e, id, at);
    }

    @EventHandler
    void on(PayoutPaid e, @MessageIdentifier String id, @Timestamp Instant at) {
        queue(OutgoingEventType.PAYOUT_PAID, e, null, id, at);
    }

    @EventHandler
    void on(PayoutFailed e, @MessageIdentifier String id, @Timestamp Instant at) {
        queue(OutgoingEventType.PAYOUT_FAILED, e, null, id, at);
    }

    @EventHandler
    void on(SubscriptionStarted e, @MessageIdentifier String id, @Timestamp Instant at) {
        queue(OutgoingEventType.SUBSCRIPTION_CREATED, e, null, id, at);
    }

    @EventHandler
    void on(SubscriptionPlanChanged e, @MessageIdentifier String id, @Timestamp Instant at) {
        queue(OutgoingEventType.SUBSCRIPTION_PLAN_CHANGED, e, null, id, at);
    }

    @EventHandler
    void on(SubscriptionInvoicePaid e, @MessageIdentifier String id, @Timestamp Instant at) {
        queue(OutgoingEventType.SUBSCRIPTION_INVOICE_PAID, e, null, id, at);
    }

    @EventHandler
    void on(SubscriptionInvoicePaymentFailed e, @MessageIdentifier String id, @Timestamp Instant at) {
        queue(OutgoingEventType.SUBSCRIPTION_PAYMENT_FAILED, e, null, id, at);
    }

    @EventHandler
    void on(SubscriptionPastDue e, @MessageIdentifier String id, @Timestamp Instant at) {
        queue(OutgoingEventType.SUBSCRIPTION_PAST_DUE, e, null, id, at);
    }

    @EventHandler
    void on(SubscriptionCanceled e, @MessageIdentifier String id, @Timestamp Instant at) {
        queue(OutgoingEventType.SUBSCRIPTION_CANCELED, e, null, id, at);
    }

    /** Booking events carry the booking's parties and terms too, whatever the event itself names. */
    private void booking(OutgoingEventType type, String bookingId, Object event, String id, Instant at) {
        if (store.subscribers(type).isEmpty()) {
            return;
        }
        Optional<BookingRequested> booking = facts.booking(bookingId);
        queue(type, event, booking.map(b -> {
            ObjectNode node = json.createObjectNode();
            node.put("id", b.bookingId());
            node.put("customerId", b.customerId());
            node.put("providerId", b.providerId());
            node.put("offeringId", b.offeringId());
            node.put("offeringTitle", b.offeringTitle());
            node.set("amount", json.valueToTree(b.amount()));
            node.set("platformFee", json.valueToTree(b.platformFee()));
            node.set("providerAmount", json.valueToTree(b.providerAmount()));
            node.put("commissionBps", b.commissionBps());
            node.put("scheduledAt", b.scheduledAt().toString());
            node.put("paymentSource", b.source().name());
            return node;
        }).orElse(null), id, at);
    }

    private void queue(OutgoingEventType type, Object event, ObjectNode booking, String axonEventId, Instant at) {
        List<OutgoingWebhookStore.Endpoint> endpoints = store.subscribers(type);
        if (endpoints.isEmpty()) {
            return;
        }
        String eventId = publicId(axonEventId);
        String payload = payload(eventId, type, event, booking, at);
        Instant now = clock.instant();
        for (OutgoingWebhookStore.Endpoint endpoint : endpoints) {
            store.insertDelivery(endpoint.id(), eventId, type, payload, now);
        }
    }

    String payload(String eventId, OutgoingEventType type, Object event, ObjectNode booking, Instant at) {
        ObjectNode root = json.createObjectNode();
        root.put("id", eventId);
        root.put("type", type.wireName());
        root.put("created", at.getEpochSecond());
        root.put("occurredAt", at.toString());
        ObjectNode data = root.putObject("data");
        data.set("object", json.valueToTree(event));
        if (booking != null) {
            data.set("booking", booking);
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type.wireName(), e);
        }
    }
}
