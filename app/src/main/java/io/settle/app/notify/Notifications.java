package io.settle.app.notify;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a notification to the outbox: renders it for the recipient (their locale and time zone) and
 * inserts it once per (event, type, recipient). Called inside the caller's transaction: for the event
 * handler that is the transaction that also advances its tracking token.
 */
@Component
public class Notifications {

    /** A subject and the template model, both already formatted for one recipient. */
    public record Content(String subject, Map<String, Object> model) {

        public static Content of(String subject, Object... keyValues) {
            Map<String, Object> model = new LinkedHashMap<>();
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                model.put((String) keyValues[i], keyValues[i + 1]);
            }
            model.put("subject", subject);
            return new Content(subject, model);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final NotificationOutbox outbox;
    private final MailRenderer renderer;
    private final Clock clock;

    public Notifications(NotificationOutbox outbox, MailRenderer renderer, Clock clock) {
        this.outbox = outbox;
        this.renderer = renderer;
        this.clock = clock;
    }

    public static String dedupKey(String eventId, NotificationType type, String recipientKey) {
        return eventId + ":" + type.name() + ":" + recipientKey;
    }

    /** @return true if a new outbox row was written */
    public boolean enqueue(String eventId, NotificationType type, Recipients.Recipient to,
                           Function<MailFormats, Content> content) {
        MailFormats formats = new MailFormats(to.locale(), to.zone());
        Content mail = content.apply(formats);
        MailRenderer.Rendered rendered = renderer.render(type.template(), mail.model(), to.locale());
        boolean inserted = outbox.insert(new NotificationOutbox.NewMail(dedupKey(eventId, type, to.key()), eventId, type,
                to.key(), to.email(), to.locale().toLanguageTag(), to.zone().getId(), truncate(mail.subject()),
                rendered.text(), rendered.html()), clock.instant());
        if (inserted) {
            log.debug("Notification {} for {} queued (event {})", type, to.key(), eventId);
        }
        return inserted;
    }

    private static String truncate(String subject) {
        return subject.length() <= 500 ? subject : subject.substring(0, 499) + "…";
    }
}
