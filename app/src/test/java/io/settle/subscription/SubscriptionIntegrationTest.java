package io.settle.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.booking.BookingIntegrationTest;
import io.settle.testsupport.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the subscription flows: the booking context plus a 3-second grace period, so a failed renewal is
 * canceled during the test, and the Free tier at its real 20 % (the booking tests keep 10 % for providers
 * without a tier). The simulator's test clock is shared by the context: each test uses its own users.
 */
@TestPropertySource(properties = {
        "settle.subscriptions.grace-period=PT3S",
        "settle.subscriptions.tiers.free.commission-bps=2000"})
public abstract class SubscriptionIntegrationTest extends BookingIntegrationTest {

    protected static final String FREE = "plan_tier_free";
    protected static final String PREMIUM = "plan_tier_premium";

    protected String plan(Api owner, String audience, long amount, int trialDays, List<String> benefits) {
        Api.Response created = owner.post("/api/v1/plans", Map.of("name", "Plan " + newId("p"),
                "description", "test plan", "price", Map.of("amount", amount, "currency", "usd"),
                "interval", "month", "trialDays", trialDays, "benefits", benefits, "audience", audience));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    protected JsonNode subscribe(Api user, String planId, String paymentMethodId, Integer trialDays) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("planId", planId));
        if (paymentMethodId != null) {
            body.put("paymentMethodId", paymentMethodId);
        }
        if (trialDays != null) {
            body.put("trialDays", trialDays);
        }
        Api.Response created = user.post("/api/v1/subscriptions", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    protected void advanceClock(String duration) {
        Api.Response advanced = api().post("/api/v1/dev/simulator/clock/advance", Map.of("duration", duration));
        assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
    }

    /** The simulator's test clock, moved by every advance in this context. */
    protected java.time.Instant simulatorNow() {
        return java.time.Instant.parse(api().get("/api/v1/dev/simulator/clock").json().path("now").asText());
    }

    protected JsonNode mine(Api user, String subscriptionId) {
        for (JsonNode s : user.get("/api/v1/subscriptions/me").json()) {
            if (subscriptionId.equals(s.path("id").asText())) {
                return s;
            }
        }
        return null;
    }

    protected JsonNode awaitSubscription(Api user, String subscriptionId, Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = mine(user, subscriptionId);
            assertThat(last[0]).as("subscription %s", subscriptionId).isNotNull();
            assertThat(done.test(last[0])).as("subscription %s: %s", subscriptionId, last[0]).isTrue();
        });
        return last[0];
    }

    protected static Predicate<JsonNode> status(String status) {
        return s -> status.equals(s.path("status").asText());
    }

    protected List<JsonNode> invoices(Api user, String status) {
        List<JsonNode> found = new java.util.ArrayList<>();
        user.get("/api/v1/invoices" + (status == null ? "" : "?status=" + status)).json().path("data")
                .forEach(found::add);
        return found;
    }
}
