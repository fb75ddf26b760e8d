package io.settle.app.notify;

import io.settle.api.booking.BookingEvents.BookingFulfilmentFailed;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.BookingRequested;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.BookingEvents.RefundFailed;
import io.settle.api.booking.PaymentSource;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCanceled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaid;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaymentFailed;
import io.settle.app.notify.Notifications.Content;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns domain events into outbox rows. A tracking processor of its own ("notifications"): each row is
 * written in the transaction that advances the processor's token, so a crash before the commit redoes the
 * batch (the dedup key makes that insert a no-op) and a crash after it loses nothing. Never replayed: a
 * projection rebuild must not mail anyone again, and a new deployment starts at the head of the event
 * stream, not at its first event.
 */
@Component
@ProcessingGroup(NotificationEventHandler.PROCESSING_GROUP)
@DisallowReplay
public class NotificationEventHandler {

    public static final String PROCESSING_GROUP = "notifications";

    private static final Logger log = LoggerFactory.getLogger(NotificationEventHandler.class);

    private final Notifications notifications;
    private final Recipients recipients;
    private final DomainFacts facts;

    public NotificationEventHandler(Notifications notifications, Recipients recipients, DomainFacts facts) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.facts = facts;
    }

    @EventHandler
    void on(FundsHeld e, @MessageIdentifier String eventId) {
        Optional<BookingRequested> booking = facts.booking(e.bookingId());
        if (booking.isEmpty()) {
            log.warn("No BookingRequested for booking {}: confirmation mails not sent", e.bookingId());
            return;
        }
        BookingRequested b = booking.get();
        notifications.enqueue(eventId, NotificationType.BOOKING_CONFIRMED, recipients.user(b.customerId()), f -> Content.of(
                "Booking confirmed: " + b.offeringTitle() + " on " + f.dateTime(b.scheduledAt()),
                "audience", "customer", "bookingId", b.bookingId(), "title", b.offeringTitle(),
                "scheduledAt", f.dateTime(b.scheduledAt()), "amount", f.money(b.amount()),
                "paidWith", b.source() == PaymentSource.CREDITS ? "credits" : "card"));
        notifications.enqueue(eventId, NotificationType.BOOKING_CONFIRMED, recipients.user(b.providerId()), f -> Content.of(
                "New booking: " + b.offeringTitle() + " on " + f.dateTime(b.scheduledAt()),
                "audience", "provider", "bookingId", b.bookingId(), "title", b.offeringTitle(),
                "scheduledAt", f.dateTime(b.scheduledAt()), "amount", f.money(b.amount()),
                "providerAmount", f.money(e.providerAmount()), "platformFee", f.money(e.platformFee()),
                "releaseAt", f.dateTime(e.releaseAt())));
    }

    @EventHandler
    void on(BookingRefunded e, @MessageIdentifier String eventId) {
        String title = facts.booking(e.bookingId()).map(BookingRequested::offeringTitle).orElse("your booking");
        notifications.enqueue(eventId, NotificationType.REFUND_PROCESSED, recipients.user(e.customerId()), f -> Content.of(
                "Refund of " + f.money(e.amount()) + " processed",
                "bookingId", e.bookingId(), "title", title, "amount", f.money(e.amount()),
                "totalRefunded", f.money(e.totalRefunded()), "partial", e.partial(),
                "toCredits", e.source() == PaymentSource.CREDITS, "refundedAt", f.dateTime(e.refundedAt())));
    }

    @EventHandler
    void on(DisputeOpened e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        facts.booking(e.bookingId()).ifPresent(b -> {
            boolean byBank = e.stripeDisputeId() != null;
            for (String party : new String[] {b.customerId(), b.providerId()}) {
                String audience = party.equals(b.customerId()) ? "customer" : "provider";
                notifications.enqueue(eventId, NotificationType.DISPUTE_FILED, recipients.user(party), f -> Content.of(
                        "Dispute filed: " + b.offeringTitle(),
                        "audience", audience, "bookingId", b.bookingId(), "title", b.offeringTitle(),
                        "amount", f.money(b.amount()), "reason", e.reason() == null ? "" : e.reason(),
                        "byBank", byBank, "filedAt", f.dateTime(at)));
            }
        });
    }

    @EventHandler
    void on(BookingFulfilmentFailed e, @MessageIdentifier String eventId) {
        String title = facts.booking(e.bookingId()).map(BookingRequested::offeringTitle).orElse("booking " + e.bookingId());
        for (String party : new String[] {e.customerId(), e.providerId()}) {
            String audience = party.equals(e.customerId()) ? "customer" : "provider";
            notifications.enqueue(eventId, NotificationType.FULFILMENT_FAILED, recipients.user(party), f -> Content.of(
                    "Booking could not take place: " + title,
                    "audience", audience, "bookingId", e.bookingId(), "title", title, "amount", f.money(e.amount()),
                    "reason", e.reason(), "failedAt", f.dateTime(e.failedAt())));
        }
    }

    @EventHandler
    void on(PayoutPaid e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        notifications.enqueue(eventId, NotificationType.PAYOUT_PAID, recipients.user(e.userId()), f -> Content.of(
                "Payout of " + f.money(e.amount()) + " paid",
                "payoutId", e.payoutId(), "amount", f.money(e.amount()), "paidAt", f.dateTime(at)));
    }

    @EventHandler
    void on(PayoutFailed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        notifications.enqueue(eventId, NotificationType.PAYOUT_FAILED, recipients.user(e.userId()), f -> Content.of(
                "Payout of " + f.money(e.amount()) + " failed",
                "payoutId", e.payoutId(), "amount", f.money(e.amount()), "reason", e.reason(),
                "failureCode", e.failureCode() == null ? "" : e.failureCode(), "failedAt", f.dateTime(at)));
        alert(eventId, at, "Payout " + e.payoutId() + " failed after " + e.attempts() + " attempt(s)",
                "Payout " + e.payoutId() + " of " + e.amount().amount() + " " + e.amount().currency() + " to " + e.userId()
                        + " failed after " + e.attempts() + " attempt(s) (" + e.failureCode() + "): " + e.reason()
                        + ". The funds are back in the provider's available balance.",
                "payout", e.payoutId());
    }

    @EventHandler
    void on(RefundFailed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        alert(eventId, at, "Refund for booking " + e.bookingId() + " failed after " + e.attempts() + " attempt(s)",
                "The refund of " + e.amount().amount() + " " + e.amount().currency() + " for booking " + e.bookingId()
                        + " failed after " + e.attempts() + " attempt(s): " + e.reason()
                        + ". The customer has not been refunded; refund them by hand in Stripe.",
                "booking", e.bookingId());
    }

    @EventHandler
    void on(SubscriptionInvoicePaid e, @MessageIdentifier String eventId) {
        if (!e.amount().positive()) {
            return; // a trial's zero invoice
        }
        Optional<DomainFacts.SubscriptionFacts> subscription = facts.subscription(e.subscriptionId());
        boolean renewal = subscription.map(s -> s.firstPeriodStart() != null && e.periodStart() != null
                && e.periodStart().isAfter(s.firstPeriodStart())).orElse(false);
        if (!renewal) {
            return; // the first charge is confirmed by the API answer that started the subscription
        }
        String plan = subscription.get().planName();
        notifications.enqueue(eventId, NotificationType.SUBSCRIPTION_RENEWED, recipients.user(e.subscriberId()),
                f -> Content.of("Your " + plan + " subscription renewed",
                        "subscriptionId", e.subscriptionId(), "plan", plan, "amount", f.money(e.amount()),
                        "periodStart", f.date(e.periodStart()), "periodEnd", f.date(e.periodEnd()),
                        "invoiceUrl", e.hostedInvoiceUrl() == null ? "" : e.hostedInvoiceUrl()));
    }

    @EventHandler
    void on(SubscriptionInvoicePaymentFailed e, @MessageIdentifier String eventId) {
        String plan = facts.subscription(e.subscriptionId()).map(DomainFacts.SubscriptionFacts::planName)
                .orElse("subscription");
        notifications.enqueue(eventId, NotificationType.SUBSCRIPTION_PAYMENT_FAILED, recipients.user(e.subscriberId()),
                f -> Content.of("Payment for your " + plan + " subscription failed",
                        "subscriptionId", e.subscriptionId(), "plan", plan, "amount", f.money(e.amount()),
                        "reason", e.failureMessage() == null ? "" : e.failureMessage(),
                        "failedAt", f.dateTime(e.failedAt()),
                        "invoiceUrl", e.hostedInvoiceUrl() == null ? "" : e.hostedInvoiceUrl()));
    }

    @EventHandler
    void on(SubscriptionCanceled e, @MessageIdentifier String eventId) {
        String plan = facts.subscription(e.subscriptionId()).map(DomainFacts.SubscriptionFacts::planName)
                .orElse("subscription");
        notifications.enqueue(eventId, NotificationType.SUBSCRIPTION_CANCELED, recipients.user(e.subscriberId()),
                f -> Content.of("Your " + plan + " subscription was canceled",
                        "subscriptionId", e.subscriptionId(), "plan", plan,
                        "reason", e.reason() == null ? "" : e.reason(), "canceledAt", f.dateTime(e.canceledAt())));
    }

    private void alert(String eventId, Instant at, String subject, String message, String referenceType,
                       String reference) {
        AdminAlerts.enqueue(notifications, recipients, eventId, at, subject, message, referenceType, reference);
    }
}
