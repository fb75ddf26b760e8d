package io.settle.app.webhook;

import static io.settle.testsupport.RecordingStripeEventRouter.fail;
import static io.settle.testsupport.RecordingStripeEventRouter.handled;
import static io.settle.testsupport.RecordingStripeEventRouter.retryLater;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.gateway.StripeSettings;
import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import io.settle.testsupport.RecordingStripeEventRouter;
import io.settle.testsupport.StripeSignature;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The webhook endpoints, the inbox and its asynchronous processing, over real HTTP on PostgreSQL. */
class StripeWebhookIntegrationTest extends IntegrationTest {

    private static final Duration PROCESSING = Duration.ofSeconds(20);

    @Autowired
    StripeSettings settings;
    @Autowired
    RecordingStripeEventRouter router;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSignedEventIsStoredAcknowledgedAndRoutedOnceWithItsIdInTheWebhookContext() {
        String id = newEventId();
        router.onEvent(id, handled());
        String payload = event(id, "payment_intent.succeeded");

        Api.Response response = deliver("/webhooks/stripe", payload, settings.webhookSecret());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("received").asBoolean()).isTrue();
        assertThat(response.json().has("duplicate")).isFalse();
        awaitStatus(id, "PROCESSED");
        assertThat(router.timesRouted(id)).isEqualTo(1);
        RecordingStripeEventRouter.Routing routing = router.routings(id).get(0);
        assertThat(routing.contextEventId()).isEqualTo(id);
        assertThat(routing.event().type()).isEqualTo("payment_intent.succeeded");
        assertThat(routing.event().objectId()).isEqualTo("pi_" + id);
        assertThat(routing.event().metadata("booking_id")).isEqualTo("booking-" + id);
        assertThat(routing.event().created()).isEqualTo(Instant.ofEpochSecond(1_763_700_000L));
        assertThat(jdbc.queryForMap("SELECT endpoint, type, attempts, payload, processed_at FROM stripe_webhook_inbox "
                + "WHERE event_id = ?", id))
                .containsEntry("endpoint", "payments")
                .containsEntry("type", "payment_intent.succeeded")
                .containsEntry("attempts", 1)
                .containsEntry("payload", payload)
                .extractingByKey("processed_at").isNotNull();
    }

    @Test
    void theSameEventDeliveredThreeTimesIsRoutedOnceAndAcknowledgedEachTime() {
        String id = newEventId();
        router.onEvent(id, handled());
        String payload = event(id, "charge.refunded");

        // each delivery is signed afresh, as Stripe's retries are: a new timestamp does not make a new event
        Api.Response first = deliver("/webhooks/stripe", payload, settings.webhookSecret());
        Api.Response second = deliver("/webhooks/stripe", payload, settings.webhookSecret());
        awaitStatus(id, "PROCESSED");
        Api.Response third = deliver("/webhooks/stripe", payload, settings.webhookSecret());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().has("duplicate")).isFalse();
        for (Api.Response duplicate : new Api.Response[] {second, third}) {
            assertThat(duplicate.status()).isEqualTo(200);
            assertThat(duplicate.json().path("received").asBoolean()).isTrue();
            assertThat(duplicate.json().path("duplicate").asBoolean()).isTrue();
        }
        // longer than a sweep interval: neither the workers nor the sweeper route it again
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> router.timesRouted(id) == 1 && "PROCESSED".equals(status(id)));
        assertThat(rows(id)).isEqualTo(1);
    }

    @Test
    void aWrongSecretATamperedBodyAStaleOrMissingSignatureAreRejectedAndNothingIsStored() {
        String id = newEventId();
        String payload = event(id, "payment_intent.succeeded");
        String secret = settings.webhookSecret();

        assertInvalidSignature(api().header(StripeSignature.HEADER, StripeSignature.header(payload, "whsec_wrong")),
                payload);
        assertInvalidSignature(api().header(StripeSignature.HEADER, StripeSignature.header(
                payload.replace("\"livemode\":false", "\"livemode\":true"), secret)), payload);
        assertInvalidSignature(api().header(StripeSignature.HEADER,
                StripeSignature.header(payload, secret, Instant.now().minus(Duration.ofMinutes(6)))), payload);
        assertInvalidSignature(api(), payload);
        assertInvalidSignature(api().header(StripeSignature.HEADER, "t=soon,v1=abc"), payload);

        assertThat(rows(id)).isZero();
        assertThat(router.timesRouted(id)).isZero();
    }

    @Test
    void aBearerTokenIsNoSubstituteForASignature() {
        String id = newEventId();
        String payload = event(id, "payment_intent.succeeded");

        assertInvalidSignature(as("admin-" + id, "ADMIN"), payload);
        assertInvalidSignature(api().header("Authorization", "Bearer not-a-jwt"), payload);
        assertThat(as("admin-" + id, "ADMIN").postRaw("/webhooks/stripe/connect", "application/json", payload).code())
                .isEqualTo("INVALID_SIGNATURE");

        assertThat(rows(id)).isZero();
    }

    @Test
    void aSignedBodyThatIsNotAStripeEventIsRejectedAndNothingIsStored() {
        String notJson = "id=evt_form_encoded&type=charge.refunded";
        Api.Response response = deliver("/webhooks/stripe", notJson, settings.webhookSecret());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");

        String id = newEventId();
        for (String incomplete : new String[] {
                "{\"id\":\"" + id + "\",\"object\":\"event\"}",
                "{\"type\":\"charge.refunded\",\"object\":\"event\"}",
                "{\"id\":\"" + id + "\",\"type\":42}",
                "[\"" + id + "\"]"}) {
            Api.Response rejected = deliver("/webhooks/stripe", incomplete, settings.webhookSecret());
            assertThat(rejected.status()).as(incomplete).isEqualTo(400);
            assertThat(rejected.code()).as(incomplete).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(rows(id)).isZero();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeAnythingElse() {
        String id = newEventId();
        String payload = event(id, "payment_intent.succeeded").replace("\"object\":\"event\"",
                "\"object\":\"event\",\"padding\":\"" + "x".repeat(300 * 1024) + "\"");

        Api.Response response = deliver("/webhooks/stripe", payload, settings.webhookSecret());

        assertThat(response.status()).isEqualTo(413);
        assertThat(rows(id)).isZero();
    }

    @Test
    void anEventThatCameTooEarlyIsRetriedWithBackoffUntilItSucceeds() {
        String id = newEventId();
        router.onEvent(id, retryLater("payment not known yet"), handled());

        assertThat(deliver("/webhooks/stripe", event(id, "charge.refunded"), settings.webhookSecret()).status())
                .isEqualTo(200);

        awaitStatus(id, "PROCESSED");
        assertThat(router.timesRouted(id)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT attempts FROM stripe_webhook_inbox WHERE event_id = ?", Integer.class, id))
                .isEqualTo(2);
        assertThat(router.routings(id)).allSatisfy(routing -> assertThat(routing.contextEventId()).isEqualTo(id));
    }

    @Test
    void anEventStillTooEarlyAfterTheLastAttemptFailsWithTheReason() {
        String id = newEventId();
        router.onEvent(id, retryLater("booking unknown"));
        deliver("/webhooks/stripe", event(id, "charge.refunded"), settings.webhookSecret());
        awaitStatus(id, "RETRY");

        // fast-forward through the backoff: the next attempt is the tenth and last
        jdbc.update("UPDATE stripe_webhook_inbox SET attempts = 9, next_attempt_at = now() WHERE event_id = ?", id);

        awaitStatus(id, "FAILED");
        JsonNode failed = findAsAdmin(id, "FAILED");
        assertThat(failed.path("attempts").asInt()).isEqualTo(10);
        assertThat(failed.path("lastError").asText())
                .isEqualTo("Gave up after 10 attempts: RetryLaterException: booking unknown");
    }

    @Test
    void aFailedMappingIsListedForAdminsAndProcessedAgainOnRetry() {
        String id = newEventId();
        router.onEvent(id, fail(new IllegalStateException("no booking for\npi_" + id)), handled());
        deliver("/webhooks/stripe", event(id, "payment_intent.payment_failed"), settings.webhookSecret());
        awaitStatus(id, "FAILED");

        JsonNode failed = findAsAdmin(id, "FAILED");
        assertThat(failed.path("type").asText()).isEqualTo("payment_intent.payment_failed");
        assertThat(failed.path("endpoint").asText()).isEqualTo("payments");
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("lastError").asText()).isEqualTo("IllegalStateException: no booking for pi_" + id);
        assertThat(failed.path("receivedAt").asText()).isNotBlank();
        assertThat(failed.path("processedAt").asText()).isNotBlank();

        Api admin = as("admin-" + id, "ADMIN");
        Api.Response retried = admin.post("/api/v1/admin/webhooks/" + id + "/retry");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().path("eventId").asText()).isEqualTo(id);

        awaitStatus(id, "PROCESSED");
        assertThat(router.timesRouted(id)).isEqualTo(2);
        assertThat(admin.get("/api/v1/admin/webhooks?status=FAILED&limit=500").json().path("items"))
                .noneMatch(item -> item.path("eventId").asText().equals(id));

        Api.Response again = admin.post("/api/v1/admin/webhooks/" + id + "/retry");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVALID_STATE");
        Api.Response unknown = admin.post("/api/v1/admin/webhooks/evt_never_seen_" + id + "/retry");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void onlyAdminsReachTheInbox() {
        Api customer = as("customer-" + UUID.randomUUID(), "CUSTOMER");
        assertThat(customer.get("/api/v1/admin/webhooks?status=FAILED").status()).isEqualTo(403);
        assertThat(customer.post("/api/v1/admin/webhooks/evt_x/retry").status()).isEqualTo(403);
        assertThat(api().get("/api/v1/admin/webhooks").status()).isEqualTo(401);
        Api admin = as("admin-" + UUID.randomUUID(), "ADMIN");
        assertThat(admin.get("/api/v1/admin/webhooks?status=NOPE").code()).isEqualTo("VALIDATION_ERROR");
        assertThat(admin.get("/api/v1/admin/webhooks?limit=0").code()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void anUnknownTypeIsStoredAcknowledgedAndIgnored() {
        String id = newEventId();
        String type = "settle.test.unknown_" + UUID.randomUUID().toString().substring(0, 8);

        Api.Response response = deliver("/webhooks/stripe", event(id, type), settings.webhookSecret());

        assertThat(response.status()).isEqualTo(200);
        awaitStatus(id, "IGNORED");
        assertThat(router.timesRouted(id)).isEqualTo(1);
    }

    @Test
    void aConnectEventIsVerifiedWithTheConnectSecretAndKeepsItsAccount() {
        String id = newEventId();
        router.onEvent(id, handled());
        String payload = event(id, "account.updated").replace("\"object\":\"event\"",
                "\"object\":\"event\",\"account\":\"acct_" + id + "\"");

        assertThat(deliver("/webhooks/stripe/connect", payload, settings.connectWebhookSecret()).status())
                .isEqualTo(200);

        awaitStatus(id, "PROCESSED");
        assertThat(router.routings(id).get(0).event().account()).isEqualTo("acct_" + id);
        assertThat(jdbc.queryForMap("SELECT endpoint, account FROM stripe_webhook_inbox WHERE event_id = ?", id))
                .containsEntry("endpoint", "connect")
                .containsEntry("account", "acct_" + id);
    }

    @Test
    void theSweeperProcessesEventsWhoseHandOffWasLostOrWhoseWorkerDied() {
        String lost = newEventId();
        String stuck = newEventId();
        router.onEvent(lost, handled());
        router.onEvent(stuck, handled());
        // as a crash would leave them: stored but never handed to a worker, and claimed by a worker that died
        insertRow(lost, "RECEIVED", 0, null);
        insertRow(stuck, "PROCESSING", 1, Instant.now().minus(Duration.ofMinutes(10)));

        awaitStatus(lost, "PROCESSED");
        awaitStatus(stuck, "PROCESSED");
        assertThat(router.timesRouted(lost)).isEqualTo(1);
        assertThat(router.timesRouted(stuck)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM stripe_webhook_inbox WHERE event_id = ?", Integer.class,
                stuck)).isEqualTo(2);
    }

    @Test
    void aRecentClaimOfAnotherWorkerIsLeftAlone() {
        String claimed = newEventId();
        router.onEvent(claimed, handled());
        insertRow(claimed, "PROCESSING", 1, Instant.now());

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> "PROCESSING".equals(status(claimed)) && router.timesRouted(claimed) == 0);
    }

    @Test
    void theEndpointsAreDocumentedAndTheWebhooksNeedNoBearerToken() {
        JsonNode paths = api().get("/v3/api-docs").json().path("paths");

        assertThat(paths.path("/api/v1/admin/webhooks").has("get")).isTrue();
        assertThat(paths.path("/api/v1/admin/webhooks/{eventId}/retry").has("post")).isTrue();
        for (String webhook : new String[] {"/webhooks/stripe", "/webhooks/stripe/connect"}) {
            JsonNode operation = paths.path(webhook).path("post");
            assertThat(operation.path("tags").get(0).asText()).isEqualTo("Stripe webhooks");
            assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
                    .as("%s overrides the global bearer requirement: %s", webhook, operation).isTrue();
        }
    }

    private void insertRow(String id, String status, int attempts, Instant claimedAt) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                INSERT INTO stripe_webhook_inbox (event_id, endpoint, type, livemode, payload, status, attempts,
                    received_at, next_attempt_at, claimed_at, claim_token)
                VALUES (?, 'payments', 'payment_intent.succeeded', false, ?, ?, ?, ?, ?, ?, ?)""",
                id, event(id, "payment_intent.succeeded"), status, attempts, now, now,
                claimedAt == null ? null : Timestamp.from(claimedAt), claimedAt == null ? null : UUID.randomUUID());
    }

    private void assertInvalidSignature(Api client, String payload) {
        Api.Response response = client.postRaw("/webhooks/stripe", "application/json", payload);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_SIGNATURE");
    }

    private Api.Response deliver(String path, String payload, String secret) {
        return api().header(StripeSignature.HEADER, StripeSignature.header(payload, secret))
                .postRaw(path, "application/json; charset=utf-8", payload);
    }

    private JsonNode findAsAdmin(String id, String status) {
        JsonNode items = as("admin-" + id, "ADMIN").get("/api/v1/admin/webhooks?status=" + status + "&limit=500")
                .json().path("items");
        for (JsonNode item : items) {
            if (item.path("eventId").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " is not listed as " + status + ": " + items);
    }

    private void awaitStatus(String id, String expected) {
        await().atMost(PROCESSING).untilAsserted(() -> assertThat(status(id)).isEqualTo(expected));
    }

    private String status(String id) {
        return jdbc.query("SELECT status FROM stripe_webhook_inbox WHERE event_id = ?",
                (rs, i) -> rs.getString(1), id).stream().findFirst().orElse(null);
    }

    private int rows(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM stripe_webhook_inbox WHERE event_id = ?", Integer.class, id);
    }

    private static String newEventId() {
        return "evt_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** An event shaped like Stripe's (API version 2025), compact as Stripe sends it. */
    private static String event(String id, String type) {
        return """
                {"id":"%s","object":"event","api_version":"2025-09-30.clover","created":1763700000,\
                "data":{"object":{"id":"pi_%s","object":"payment_intent","amount":3000,"currency":"usd",\
                "metadata":{"booking_id":"booking-%s"}}},"livemode":false,"pending_webhooks":1,\
                "request":{"id":null,"idempotency_key":null},"type":"%s"}""".formatted(id, id, id, type);
    }
}
