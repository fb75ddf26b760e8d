package io.settle.app.notify;

import io.settle.app.notify.Notifications.Content;
import io.settle.app.webhook.WebhookMappingFailed;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Operator alerts by mail to {@code SETTLE_MAIL_ADMIN_TO}: refunds and payouts that exhausted their retries
 * (from the event handler) and Stripe webhook events that could not be mapped (from the webhook inbox).
 */
@Component
public class AdminAlerts {

    private final Notifications notifications;
    private final Recipients recipients;
    private final Clock clock;

    public AdminAlerts(Notifications notifications, Recipients recipients, Clock clock) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.clock = clock;
    }

    static void enqueue(Notifications notifications, Recipients recipients, String eventId, Instant at, String subject,
                        String message, String referenceType, String reference) {
        for (Recipients.Recipient admin : recipients.admins()) {
            notifications.enqueue(eventId, NotificationType.ADMIN_ALERT, admin, f -> Content.of(
                    "[Settle alert] " + subject, "message", message, "referenceType", referenceType,
                    "reference", reference, "at", f.dateTime(at)));
        }
    }

    /** Once per Stripe event: a requeued event that fails again does not mail again. */
    @EventListener
    public void on(WebhookMappingFailed failure) {
        enqueue(notifications, recipients, "stripe:" + failure.stripeEventId(), clock.instant(),
                "Stripe event " + failure.stripeEventId() + " could not be processed",
                "Stripe event " + failure.stripeEventId() + " (" + failure.type() + ") failed after " + failure.attempts()
                        + " attempt(s): " + failure.error() + ". Fix the cause, then requeue it from the webhook inbox.",
                "stripe-event", failure.stripeEventId());
    }
}
