package io.settle.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.settle.testsupport.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outgoing webhooks to a loopback receiver (WireMock) standing in for the marketplace app. */
class OutgoingWebhookTest extends NotificationIntegrationTest {

    private static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startReceiver() {
        RECEIVER.start();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    @BeforeEach
    void resetReceiver() {
        RECEIVER.resetAll();
        RECEIVER.stubFor(post(urlPathMatching("/hooks/ok/.*")).willReturn(aResponse().withStatus(204)));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + RECEIVER.port() + path;
    }

    private JsonNode register(String path, String... events) {
        Api.Response created = admin().post("/api/v1/admin/webhook-endpoints", Map.of("url", url(path),
                "events", List.of(events)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private List<LoggedRequest> received(String path, String eventType) {
        return RECEIVER.findAll(postRequestedFor(urlEqualTo(path)).withHeader("Settle-Event-Type", equalTo(eventType)));
    }

    private List<LoggedRequest> receivedFor(String path, String eventType, String bookingId) {
        return received(path, eventType).stream().filter(r -> r.getBodyAsString().contains(bookingId)).toList();
    }

    /** Verifies as the docs tell a receiver to: recompute the HMAC of "t.body" and check the timestamp. */
    private static void assertSignedWith(LoggedRequest request, String secret) throws Exception {
        String header = request.getHeader("Settle-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + request.getBodyAsString())
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(v1).isEqualTo(expected);
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(300);
    }

    private JsonNode deliveries(String endpointId) {
        Api.Response list = admin().get("/api/v1/admin/webhook-endpoints/" + endpointId + "/deliveries");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json();
    }

    private JsonNode delivery(String endpointId, String eventType, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode d : deliveries(endpointId)) {
                if (d.path("eventType").asText().equals(eventType) && d.path("status").asText().equals(status)) {
                    found[0] = d;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void registration_validates_the_url_and_the_event_types_and_needs_admin() {
        Api admin = admin();
        Api.Response unknown = admin.post("/api/v1/admin/webhook-endpoints", Map.of("url", url("/hooks/ok/x"),
                "events", List.of("booking.paid", "booking.exploded")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(unknown.body()).contains("booking.exploded");

        for (String bad : List.of("ftp://127.0.0.1/x", "not a url", "/relative", "http://user:pw@127.0.0.1/x", "http:///x")) {
            Api.Response refused = admin.post("/api/v1/admin/webhook-endpoints", Map.of("url", bad,
                    "events", List.of("booking.paid")));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.code()).as(bad).isEqualTo("VALIDATION_ERROR");
        }
        Api.Response noEvents = admin.post("/api/v1/admin/webhook-endpoints", Map.of("url", url("/hooks/ok/x"),
                "events", List.of()));
        assertThat(noEvents.status()).isEqualTo(400);

        Api.Response notAdmin = as(newId("prov"), "PROVIDER").post("/api/v1/admin/webhook-endpoints",
                Map.of("url", url("/hooks/ok/x"), "events", List.of("booking.paid")));
        assertThat(notAdmin.status()).isEqualTo(403);

        JsonNode created = register("/hooks/ok/" + newId("reg"), "booking.paid", "payout.paid");
        assertThat(created.path("secret").asText()).startsWith("whsec_");
        JsonNode listed = admin.get("/api/v1/admin/webhook-endpoints").json();
        JsonNode mine = null;
        for (JsonNode e : listed) {
            if (e.path("id").asText().equals(created.path("id").asText())) {
                mine = e;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.has("secret")).as("the secret is shown only once").isFalse();
        assertThat(mine.path("events")).extracting(JsonNode::asText).containsExactly("booking.paid", "payout.paid");
    }

    @Test
    void a_paid_booking_is_delivered_signed_with_the_booking_and_a_stable_event_id() throws Exception {
        String path = "/hooks/ok/" + newId("paid");
        JsonNode endpoint = register(path, "booking.paid");
        String bookingId = paidBooking(as(newId("cust"), "CUSTOMER"), as(newId("prov"), "PROVIDER"));

        await().atMost(WAIT).until(() -> !receivedFor(path, "booking.paid", bookingId).isEmpty());
        LoggedRequest request = receivedFor(path, "booking.paid", bookingId).get(0);
        assertSignedWith(request, endpoint.path("secret").asText());
        JsonNode event = JSON.readTree(request.getBodyAsString());
        assertThat(event.path("id").asText()).startsWith("evt_").isEqualTo(request.getHeader("Settle-Event-Id"));
        assertThat(event.path("type").asText()).isEqualTo("booking.paid");
        assertThat(event.path("data").path("booking").path("id").asText()).isEqualTo(bookingId);
        assertThat(event.path("data").path("booking").path("amount").path("amount").asLong()).isEqualTo(3000);
        assertThat(event.path("data").path("object").path("providerAmount").path("amount").asLong()).isEqualTo(2700);

        JsonNode delivered = delivery(endpoint.path("id").asText(), "booking.paid", "DELIVERED");
        assertThat(delivered.path("eventId").asText()).isEqualTo(event.path("id").asText());
        assertThat(delivered.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivered.path("log")).hasSize(1);
        assertThat(delivered.path("log").get(0).path("statusCode").asInt()).isEqualTo(204);
        // only the subscribed type: no booking.released or anything else for this endpoint
        assertThat(deliveries(endpoint.path("id").asText())).extracting(d -> d.path("eventType").asText())
                .containsOnly("booking.paid");
    }

    @Test
    void a_failing_receiver_is_retried_with_backoff_until_it_answers_2xx() {
        RECEIVER.stubFor(post(urlEqualTo("/hooks/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("calendar down")).willSetStateTo("second"));
        RECEIVER.stubFor(post(urlEqualTo("/hooks/flaky")).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        RECEIVER.stubFor(post(urlEqualTo("/hooks/flaky")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        JsonNode endpoint = register("/hooks/flaky", "booking.paid");
        String bookingId = paidBooking(as(newId("cust"), "CUSTOMER"), as(newId("prov"), "PROVIDER"));

        JsonNode delivered = delivery(endpoint.path("id").asText(), "booking.paid", "DELIVERED");
        assertThat(delivered.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivered.path("log")).extracting(a -> a.path("statusCode").asInt()).containsExactly(500, 503, 200);
        assertThat(delivered.path("log").get(0).path("error").asText()).isEqualTo("HTTP 500: calendar down");
        Instant first = Instant.parse(delivered.path("log").get(0).path("attemptedAt").asText());
        Instant second = Instant.parse(delivered.path("log").get(1).path("attemptedAt").asText());
        Instant third = Instant.parse(delivered.path("log").get(2).path("attemptedAt").asText());
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(second, third)).as("the delay doubles").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        List<LoggedRequest> calls = receivedFor("/hooks/flaky", "booking.paid", bookingId);
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(r -> r.getHeader("Settle-Event-Id")).containsOnly(delivered.path("eventId").asText());
    }

    @Test
    void a_delivery_still_failing_when_the_retry_window_has_passed_is_failed_and_can_be_redelivered_by_hand() {
        RECEIVER.stubFor(post(urlEqualTo("/hooks/down")).willReturn(aResponse().withStatus(500)));
        JsonNode endpoint = register("/hooks/down", "booking.paid");
        String endpointId = endpoint.path("id").asText();
        paidBooking(as(newId("cust"), "CUSTOMER"), as(newId("prov"), "PROVIDER"));
        await().atMost(WAIT).until(() -> deliveries(endpointId).size() == 1
                && deliveries(endpointId).get(0).path("attempts").asInt() >= 1);
        String deliveryId = deliveries(endpointId).get(0).path("id").asText();

        // three days of retries pass
        // (only while it waits: a row the sender holds at that instant is SENDING, so try until it is PENDING)
        await().atMost(WAIT).pollInterval(java.time.Duration.ofMillis(50)).until(() -> jdbc.update(
                "UPDATE outgoing_webhook_deliveries SET first_attempt_at = now() - interval '72 hours', "
                + "next_attempt_at = now() WHERE id = ? AND status = 'PENDING'", deliveryId) == 1);
        JsonNode failed = delivery(endpointId, "booking.paid", "FAILED");
        assertThat(failed.path("lastStatusCode").asInt()).isEqualTo(500);
        int attempts = failed.path("attempts").asInt();

        RECEIVER.stubFor(post(urlEqualTo("/hooks/down")).willReturn(aResponse().withStatus(200)));
        Api.Response redelivered = admin().post("/api/v1/admin/webhook-deliveries/" + deliveryId + "/redeliver");
        assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
        JsonNode delivered = delivery(endpointId, "booking.paid", "DELIVERED");
        assertThat(delivered.path("attempts").asInt()).isEqualTo(attempts + 1);
        assertThat(delivered.path("eventId").asText()).isEqualTo(failed.path("eventId").asText());

        // and once more, by hand, though it was delivered: the receiver sees the same event id again
        admin().post("/api/v1/admin/webhook-deliveries/" + deliveryId + "/redeliver");
        await().atMost(WAIT).until(() -> admin().get("/api/v1/admin/webhook-deliveries/" + deliveryId).json()
                .path("attempts").asInt() == attempts + 2);
        JsonNode detail = admin().get("/api/v1/admin/webhook-deliveries/" + deliveryId).json();
        assertThat(detail.path("payload").asText()).contains("\"type\":\"booking.paid\"");
        assertThat(admin().post("/api/v1/admin/webhook-deliveries/whd_unknown/redeliver").status()).isEqualTo(404);
    }

    @Test
    void fulfilment_failure_is_delivered_then_the_refund_and_a_deleted_endpoint_receives_nothing_more() {
        String path = "/hooks/ok/" + newId("ff");
        JsonNode endpoint = register(path, "booking.fulfilment_failed", "booking.refunded");
        JsonNode other = register("/hooks/ok/" + newId("deleted"), "booking.refunded");
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = paidBooking(customer, as(newId("prov"), "PROVIDER"));
        Api.Response deleted = admin().delete("/api/v1/admin/webhook-endpoints/" + other.path("id").asText());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(admin().delete("/api/v1/admin/webhook-endpoints/" + other.path("id").asText()).status()).isEqualTo(404);

        admin().post("/api/v1/bookings/" + bookingId + "/fulfilment-failed", Map.of("reason", "calendar booking failed"));
        awaitBooking(customer, bookingId, "REFUNDED");

        // deliveries are independent: each arrives once it succeeds (a slow first attempt is retried)
        JsonNode failed = delivery(endpoint.path("id").asText(), "booking.fulfilment_failed", "DELIVERED");
        JsonNode refunded = delivery(endpoint.path("id").asText(), "booking.refunded", "DELIVERED");
        assertThat(receivedFor(path, "booking.fulfilment_failed", bookingId))
                .extracting(r -> r.getHeader("Settle-Event-Id")).containsOnly(failed.path("eventId").asText());
        assertThat(receivedFor(path, "booking.refunded", bookingId))
                .extracting(r -> r.getHeader("Settle-Event-Id")).containsOnly(refunded.path("eventId").asText());
        assertThat(deliveries(other.path("id").asText())).isEmpty();
        assertThat(admin().get("/api/v1/admin/webhook-endpoints").body()).doesNotContain(other.path("id").asText());
    }
}
