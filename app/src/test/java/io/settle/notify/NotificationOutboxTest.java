package io.settle.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.notify.NotificationType;
import io.settle.app.notify.Notifications;
import io.settle.app.notify.OutboxMailSender;
import io.settle.app.notify.Recipients;
import io.settle.testsupport.Api;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The outbox's promises: inserted once, sent once, retried while the SMTP server is away, never by replay. */
class NotificationOutboxTest extends NotificationIntegrationTest {

    @Autowired
    private Notifications notifications;
    @Autowired
    private OutboxMailSender sender;

    private static Recipients.Recipient recipient(String address) {
        return new Recipients.Recipient("test:" + address, address, Locale.US, java.time.ZoneOffset.UTC);
    }

    private void enqueue(String eventId, String address, String subject) {
        notifications.enqueue(eventId, NotificationType.ADMIN_ALERT, recipient(address), f -> Notifications.Content.of(
                subject, "message", "test", "referenceType", "test", "reference", eventId, "at", "now"));
    }

    @Test
    void a_handler_that_runs_twice_for_one_event_queues_and_sends_one_mail() {
        String eventId = UUID.randomUUID().toString();
        String address = newId("twice") + "@example.test";
        enqueue(eventId, address, "once " + eventId);
        enqueue(eventId, address, "once " + eventId);

        awaitMail(address, "once " + eventId);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_outbox WHERE event_id = ?", Long.class, eventId))
                .isEqualTo(1);
        JsonNode rows = admin().get("/api/v1/admin/mail?type=ADMIN_ALERT&limit=500").json();
        JsonNode row = null;
        for (JsonNode r : rows) {
            if (r.path("subject").asText().equals("once " + eventId)) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("status").asText()).isEqualTo("SENT");
        assertThat(row.path("attempts").asInt()).isEqualTo(1);
        assertThat(row.path("sentAt").asText()).isNotBlank();
        assertThat(admin().get("/api/v1/admin/mail/" + row.path("id").asLong()).json().path("textBody").asText())
                .contains("test");
        assertThat(as(newId("cust"), "CUSTOMER").get("/api/v1/admin/mail").status()).isEqualTo(403);
    }

    @Test
    void concurrent_senders_never_send_one_row_twice() throws Exception {
        String batch = newId("batch");
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String address = batch + "-" + i + "@example.test";
            addresses.add(address);
            enqueue(UUID.randomUUID().toString(), address, "concurrent " + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                senders.add(() -> {
                    int claimed = 0;
                    for (int round = 0; round < 5; round++) {
                        claimed += sender.sendDue();
                    }
                    return claimed;
                });
            }
            for (Future<Integer> f : pool.invokeAll(senders)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(WAIT).until(() -> addresses.stream().allMatch(a -> !mailTo(a).isEmpty()));
        // the scheduled sender ran alongside the four threads: still exactly one mail per row
        Thread.sleep(1500);
        for (String address : addresses) {
            assertThat(mailTo(address)).as(address).hasSize(1);
        }
        assertThat(jdbc.queryForObject("SELECT max(attempts) FROM notification_outbox WHERE recipient LIKE ?",
                Integer.class, "test:" + batch + "%")).isEqualTo(1);
    }

    @Test
    void while_the_smtp_server_is_down_the_mail_waits_and_is_sent_with_the_same_message_id_once_it_is_back() {
        String address = newId("down") + "@example.test";
        SMTP.stop();
        try {
            enqueue(UUID.randomUUID().toString(), address, "after the outage");
            await().atMost(WAIT).until(() -> {
                List<Map<String, Object>> rows = outboxRows("test:" + address);
                return !rows.isEmpty() && ((Number) rows.get(0).get("attempts")).intValue() >= 2
                        && "PENDING".equals(rows.get(0).get("status"));
            });
            assertThat(outboxRows("test:" + address).get(0).get("last_error").toString()).contains("MailSendException");
        } finally {
            SMTP.start();
        }
        MimeMessage mail = awaitMail(address, "after the outage");
        Map<String, Object> row = outboxRows("test:" + address).get(0);
        assertThat(header(mail, "Message-ID")).isEqualTo("<notification-" + row.get("id") + "@settle.local>");
        await().atMost(WAIT).until(() -> "SENT".equals(outboxRows("test:" + address).get(0).get("status")));
    }

    @Test
    void the_notification_and_webhook_writers_refuse_a_replay_so_nothing_is_sent_again() {
        Api admin = admin();
        for (String group : List.of("notifications", "outgoing-webhooks")) {
            Api.Response replay = admin.post("/api/v1/admin/projections/" + group + "/replay");
            assertThat(replay.status()).as(replay.toString()).isEqualTo(409);
        }
        for (JsonNode processor : admin.get("/api/v1/admin/projections").json()) {
            String name = processor.path("name").asText();
            boolean expected = !processor.path("saga").asBoolean()
                    && !List.of("notifications", "outgoing-webhooks", "released-earning-reclaims").contains(name);
            assertThat(processor.path("replayable").asBoolean()).as(name).isEqualTo(expected);
        }
    }

    @Test
    void contact_claims_are_remembered_and_a_row_without_an_address_gets_one_when_it_is_sent() {
        // the address pattern is configured in these tests; the token's email claim wins over it
        String userId = newId("claims");
        Api user = withClaims(userId, userId + "@idp.example.test", "fr_FR", "Europe/Paris", "CUSTOMER");
        assertThat(user.get("/api/v1/bookings").status()).isEqualTo(200);
        Map<String, Object> contact = jdbc.queryForMap("SELECT * FROM user_contacts WHERE user_id = ?", userId);
        assertThat(contact.get("email")).isEqualTo(userId + "@idp.example.test");
        assertThat(contact.get("locale")).isEqualTo("fr-FR");
        assertThat(contact.get("time_zone")).isEqualTo("Europe/Paris");

        // malformed claims are ignored, the stored ones kept
        Api garbled = withClaims(userId, "not an address", "!!", "Mars/Olympus", "CUSTOMER");
        assertThat(garbled.get("/api/v1/bookings").status()).isEqualTo(200);
        assertThat(jdbc.queryForMap("SELECT * FROM user_contacts WHERE user_id = ?", userId).get("email"))
                .isEqualTo(userId + "@idp.example.test");

        // a row written before any address was known is addressed when it is sent: here by the pattern
        String eventId = UUID.randomUUID().toString();
        String unknownUser = newId("later");
        notifications.enqueue(eventId, NotificationType.ADMIN_ALERT,
                new Recipients.Recipient(unknownUser, null, Locale.US, java.time.ZoneOffset.UTC),
                f -> Notifications.Content.of("addressed later", "message", "m", "referenceType", "t", "reference", "r",
                        "at", "a"));
        awaitMail(patternAddress(unknownUser), "addressed later");
        await().atMost(Duration.ofSeconds(30)).until(() -> patternAddress(unknownUser).equals(jdbc.queryForObject(
                "SELECT email FROM notification_outbox WHERE event_id = ?", String.class, eventId)));
    }
}
