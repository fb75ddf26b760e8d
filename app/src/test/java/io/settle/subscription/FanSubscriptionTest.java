package io.settle.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanSubscriptionTest extends SubscriptionIntegrationTest {

    @Test
    void fanRevenueReachesTheProviderNetOfCommissionAndAccessEndsWithTheSubscription() {
        String providerId = newId("creator");
        Api provider = as(providerId, "PROVIDER");
        Api fan = as(newId("fan"), "CUSTOMER");
        String gold = plan(provider, "FAN", 500, 0, List.of("posts", "qa"));
        assertThat(fan.get("/api/v1/plans?audience=FAN&providerId=" + providerId).json())
                .extracting(p -> p.path("id").asText()).containsExactly(gold);

        String id = subscribe(fan, gold, "pm_card_visa", null).path("id").asText();
        // $5.00 at the Free tier's 20 %: $4.00 to the provider, available at once
        awaitWallet(provider, "available", 400);
        awaitLedger("provider:" + providerId + ":available", -400);
        assertLedgerBalanced();

        JsonNode allowed = fan.get("/api/v1/access?providerId=" + providerId + "&benefit=posts").json();
        assertThat(allowed.path("allowed").asBoolean()).isTrue();
        assertThat(allowed.path("tier").asText()).startsWith("Plan ");
        assertThat(allowed.path("until").asText()).isNotBlank();
        assertThat(fan.get("/api/v1/access?providerId=" + providerId + "&benefit=dm").json().path("allowed")
                .asBoolean()).isFalse();
        Api.Response secondTier = fan.post("/api/v1/subscriptions", Map.of("planId", gold));
        assertThat(secondTier.code()).isEqualTo("ACTIVE_SUBSCRIPTION_EXISTS");

        fan.post("/api/v1/subscriptions/" + id + "/cancel", Map.of("cancelAtPeriodEnd", true));
        assertThat(fan.get("/api/v1/access?providerId=" + providerId + "&benefit=posts").json().path("allowed")
                .asBoolean()).as("still paid for until the period ends").isTrue();
        advanceClock("P31D");
        awaitSubscription(fan, id, status("CANCELED"));
        assertThat(fan.get("/api/v1/access?providerId=" + providerId + "&benefit=posts").json().path("allowed")
                .asBoolean()).isFalse();
        assertThat(walletField(provider, "available")).isEqualTo(400);
    }

    @Test
    void duplicatedAndShuffledWebhooksLeaveTheSameEndState() {
        String providerId = newId("creator");
        Api provider = as(providerId, "PROVIDER");
        Api fan = as(newId("fan"), "CUSTOMER");
        String gold = plan(provider, "FAN", 500, 0, List.of("posts"));

        webhooks.setCopies(3);
        webhooks.hold();
        String id = subscribe(fan, gold, "pm_card_visa", null).path("id").asText();
        advanceClock("P31D");
        fan.post("/api/v1/subscriptions/" + id + "/cancel", Map.of("cancelAtPeriodEnd", true));
        assertThat(webhooks.heldCount()).isGreaterThanOrEqualTo(3 * 4);
        webhooks.release(42);
        webhooks.awaitIdle(WAIT);

        // two paid invoices, each credited once: 2 × $4.00
        awaitWallet(provider, "available", 800);
        JsonNode end = awaitSubscription(fan, id, s -> s.path("cancelAtPeriodEnd").asBoolean()
                && "ACTIVE".equals(s.path("status").asText()));
        await().atMost(WAIT).until(() -> invoices(fan, "paid").size() == 2);
        assertThat(end.path("currentPeriodEnd").asText()).isNotBlank();
        assertLedgerBalanced();
        assertThat(walletField(provider, "available")).isEqualTo(800);
    }
}
