package io.settle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.settle.app.notify.NotificationType;
import io.settle.app.notify.Notifications;
import io.settle.app.notify.Recipients;
import io.settle.notify.NotificationIntegrationTest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The console's mail log lists the outbox and refuses to resend mail that was sent, as the API does. */
class ConsoleMailPageTest extends NotificationIntegrationTest {

    @Autowired
    private Notifications notifications;

    @Test
    void the_mail_log_shows_sent_mail_and_refuses_to_resend_it() {
        String eventId = UUID.randomUUID().toString();
        String address = newId("ops") + "@example.test";
        String subject = "Console mail " + eventId;
        notifications.enqueue(eventId, NotificationType.ADMIN_ALERT,
                new Recipients.Recipient("test:" + address, address, Locale.US, ZoneOffset.UTC),
                f -> Notifications.Content.of(subject, "message", "test", "referenceType", "test", "reference", eventId,
                        "at", "now"));
        await().atMost(WAIT).until(() -> "SENT".equals(jdbc.queryForObject(
                "SELECT status FROM notification_outbox WHERE event_id = ?", String.class, eventId)));
        long id = jdbc.queryForObject("SELECT id FROM notification_outbox WHERE event_id = ?", Long.class, eventId);
        ConsoleClient console = new ConsoleClient(port);
        console.jar.put("settle_console", tokens.mint(newId("admin"), "ADMIN"));

        HttpResponse<String> page = console.get("/console/mail?status=SENT", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"mail-" + id + "\"").contains(subject).contains(address);
        assertThat(console.get("/console/overview", Map.of()).body()).contains("href=\"/console/mail\"");

        HttpResponse<String> resend = console.post("/console/mail/" + id + "/resend",
                Map.of("_csrf", console.csrfFrom("/console/mail")));
        assertThat(resend.statusCode()).isEqualTo(409);
        assertThat(resend.body()).contains("CONFLICT").contains("only FAILED or SKIPPED mail can be resent");
        assertThat(jdbc.queryForObject("SELECT status FROM notification_outbox WHERE id = ?", String.class, id))
                .isEqualTo("SENT");
    }
}
