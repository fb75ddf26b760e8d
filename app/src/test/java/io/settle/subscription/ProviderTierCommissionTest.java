package io.settle.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderTierCommissionTest extends SubscriptionIntegrationTest {

    @Test
    void tiersAreSeededOnceWithTheirRates() {
        JsonNode tiers = as(newId("mentor"), "PROVIDER").get("/api/v1/plans?audience=PROVIDER_TIER").json();
        assertThat(tiers).extracting(t -> t.path("name").asText()).containsExactly("Free", "Entry", "Premium");
        assertThat(tiers).extracting(t -> t.path("commissionBps").asInt()).containsExactly(2000, 1500, 1000);
        assertThat(tiers).extracting(t -> t.path("price").path("amount").asLong()).containsExactly(0L, 2900L, 9900L);
    }

    @Test
    void upgradingFromFreeToPremiumMakesTheNextBookingsCommissionTenPercent() {
        String providerId = newId("mentor");
        Api provider = as(providerId, "PROVIDER");
        Api customer = as(newId("customer"), "CUSTOMER");
        String offering = offering(provider, 3000);

        JsonNode free = subscribe(provider, FREE, null, null);
        assertThat(free.path("status").asText()).isEqualTo("ACTIVE");
        Api.Response before = book(customer, offering, "pm_card_visa");
        assertThat(before.json().path("commissionBps").asInt()).as(before.toString()).isEqualTo(2000);
        assertThat(before.json().path("providerAmount").path("amount").asLong()).isEqualTo(2400);

        Api.Response card = provider.post("/api/v1/payment-methods",
                Map.of("paymentMethodId", "pm_card_visa", "isDefault", true));
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        assertThat(card.json().path("last4").asText()).isEqualTo("4242");
        Api.Response upgraded = provider.put("/api/v1/subscriptions/" + free.path("id").asText(),
                Map.of("planId", PREMIUM, "prorationBehavior", "create_prorations"));
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        assertThat(upgraded.json().path("planName").asText()).isEqualTo("Premium");

        Api.Response after = book(customer, offering, "pm_card_visa");
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                customer.get("/api/v1/payments?status=succeeded").json().path("data"))
                .extracting(p -> p.path("kind").asText()).containsExactly("booking", "booking"));
        assertThat(after.json().path("commissionBps").asInt()).as(after.toString()).isEqualTo(1000);
        assertThat(after.json().path("providerAmount").path("amount").asLong()).isEqualTo(2700);
        // the earlier booking keeps the rate recorded when it was requested
        JsonNode first = provider.get("/api/v1/bookings/" + before.json().path("id").asText()).json();
        assertThat(first.path("commissionBps").asInt()).isEqualTo(2000);
        // the prorated Premium charge is a paid invoice of the provider, beside Free's $0 one
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> invoices(provider, "paid").stream()
                .anyMatch(i -> i.path("amount").path("amount").asLong() > 0));
    }

    @Test
    void aSecondTierIsRefusedAndADeclinedUpgradeChangesNothing() {
        Api provider = as(newId("mentor"), "PROVIDER");
        JsonNode free = subscribe(provider, FREE, null, null);
        Api.Response second = provider.post("/api/v1/subscriptions", Map.of("planId", PREMIUM,
                "paymentMethodId", "pm_card_visa"));
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("ACTIVE_SUBSCRIPTION_EXISTS");

        provider.post("/api/v1/payment-methods", Map.of("paymentMethodId", "pm_card_chargeDeclined", "isDefault", true));
        Api.Response declined = provider.put("/api/v1/subscriptions/" + free.path("id").asText(),
                Map.of("planId", PREMIUM, "prorationBehavior", "create_prorations"));
        assertThat(declined.status()).as(declined.toString()).isEqualTo(402);
        assertThat(declined.code()).isEqualTo("PAYMENT_REQUIRED");
        assertThat(declined.json().path("declineCode").asText()).isEqualTo("generic_decline");
        assertThat(mine(provider, free.path("id").asText()).path("planId").asText()).isEqualTo(FREE);
    }

    @Test
    void unknownPlansAndDeclinedFirstPaymentsAreRefused() {
        Api customer = as(newId("customer"), "CUSTOMER");
        Api.Response unknown = customer.post("/api/v1/subscriptions", Map.of("planId", "plan_nope"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("VALIDATION_ERROR");

        String plan = plan(admin(), "CONSUMER", 1500, 0, java.util.List.of("pro"));
        Api.Response declined = customer.post("/api/v1/subscriptions", Map.of("planId", plan,
                "paymentMethodId", "pm_card_chargeDeclined"));
        assertThat(declined.status()).as(declined.toString()).isEqualTo(402);
        assertThat(declined.code()).isEqualTo("PAYMENT_REQUIRED");
        assertThat(customer.get("/api/v1/subscriptions/me").json()).isEmpty();

        Api.Response customerOnTier = customer.post("/api/v1/subscriptions", Map.of("planId", PREMIUM));
        assertThat(customerOnTier.status()).isEqualTo(403);
    }
}
