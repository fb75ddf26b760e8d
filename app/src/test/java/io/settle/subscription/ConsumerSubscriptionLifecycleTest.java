package io.settle.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSubscriptionLifecycleTest extends SubscriptionIntegrationTest {

    @Test
    void trialThenFirstInvoicePaidThenRenewedAfterAMonth() {
        Api customer = as(newId("consumer"), "CUSTOMER");
        String plan = plan(admin(), "CONSUMER", 1500, 7, List.of("pro"));

        JsonNode trial = subscribe(customer, plan, "pm_card_visa", null);
        assertThat(trial.path("status").asText()).isEqualTo("TRIALING");
        Instant trialEnd = Instant.parse(trial.path("trialEnd").asText());
        assertThat(Duration.between(simulatorNow(), trialEnd)).isBetween(Duration.ofDays(6), Duration.ofDays(7));
        String id = trial.path("id").asText();

        advanceClock("P8D");
        JsonNode active = awaitSubscription(customer, id, status("ACTIVE"));
        assertThat(Instant.parse(active.path("currentPeriodStart").asText())).isEqualTo(trialEnd);
        await().atMost(WAIT).until(() -> paidAmounts(customer).contains(1500L));

        Instant firstPeriodEnd = Instant.parse(active.path("currentPeriodEnd").asText());
        advanceClock("P31D");
        JsonNode renewed = awaitSubscription(customer, id,
                s -> Instant.parse(s.path("currentPeriodStart").asText()).equals(firstPeriodEnd));
        assertThat(renewed.path("status").asText()).isEqualTo("ACTIVE");
        await().atMost(WAIT).until(() -> paidAmounts(customer).stream().filter(a -> a == 1500L).count() == 2);
        Api.Response invoice = customer.get("/api/v1/invoices/" + invoices(customer, "paid").get(0).path("id").asText());
        assertThat(invoice.status()).isEqualTo(200);
        assertThat(invoice.json().path("hostedInvoiceUrl").asText()).startsWith("https://");
        assertThat(invoice.json().path("invoicePdf").asText()).startsWith("https://");
        JsonNode payments = customer.get("/api/v1/payments?status=succeeded").json().path("data");
        assertThat(payments).extracting(p -> p.path("kind").asText()).containsOnly("subscription").hasSize(2);
        assertThat(payments).extracting(p -> p.path("amount").path("amount").asLong()).containsOnly(1500L);
    }

    @Test
    void aFailedRenewalIsPastDueThenCanceledWhenTheGracePeriodEnds() {
        Api customer = as(newId("consumer"), "CUSTOMER");
        String plan = plan(admin(), "CONSUMER", 1500, 0, List.of("pro"));
        JsonNode active = subscribe(customer, plan, "pm_card_visa", null);
        assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
        String id = active.path("id").asText();
        customer.post("/api/v1/payment-methods", Map.of("paymentMethodId", "pm_card_chargeDeclined", "isDefault", true));

        advanceClock("P31D");
        JsonNode pastDue = awaitSubscription(customer, id, status("PAST_DUE"));
        assertThat(pastDue.path("graceUntil").isMissingNode()).isFalse();
        await().atMost(WAIT).until(() -> !invoices(customer, "open").isEmpty());
        assertThat(invoices(customer, "open").get(0).path("failureCode").asText()).isEqualTo("generic_decline");

        JsonNode canceled = awaitSubscription(customer, id, status("CANCELED"));
        assertThat(canceled.path("canceledAt").isMissingNode()).isFalse();
        // a new subscription is possible again once the old one has ended
        Api.Response again = customer.post("/api/v1/subscriptions", Map.of("planId", plan,
                "paymentMethodId", "pm_card_visa"));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
    }

    @Test
    void canceledAtPeriodEndThenReactivatedStaysActive() {
        Api customer = as(newId("consumer"), "CUSTOMER");
        String plan = plan(admin(), "CONSUMER", 1500, 0, List.of("pro"));
        String id = subscribe(customer, plan, "pm_card_visa", null).path("id").asText();

        Api.Response canceled = customer.post("/api/v1/subscriptions/" + id + "/cancel",
                Map.of("cancelAtPeriodEnd", true, "reason", "too expensive"));
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().path("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(canceled.json().path("status").asText()).isEqualTo("ACTIVE");

        Api.Response reactivated = customer.post("/api/v1/subscriptions/" + id + "/reactivate");
        assertThat(reactivated.status()).as(reactivated.toString()).isEqualTo(200);
        assertThat(reactivated.json().path("cancelAtPeriodEnd").asBoolean()).isFalse();
        Instant periodEnd = Instant.parse(reactivated.json().path("currentPeriodEnd").asText());

        advanceClock("P31D");
        JsonNode renewed = awaitSubscription(customer, id,
                s -> Instant.parse(s.path("currentPeriodStart").asText()).equals(periodEnd));
        assertThat(renewed.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(renewed.path("cancelAtPeriodEnd").asBoolean()).isFalse();
    }

    @Test
    void reactivatingAfterTheEndIsRefused() {
        Api customer = as(newId("consumer"), "CUSTOMER");
        String plan = plan(admin(), "CONSUMER", 1500, 0, List.of("pro"));
        String id = subscribe(customer, plan, "pm_card_visa", null).path("id").asText();
        customer.post("/api/v1/subscriptions/" + id + "/cancel", Map.of("cancelAtPeriodEnd", true));
        advanceClock("P31D");
        awaitSubscription(customer, id, status("CANCELED"));
        Api.Response late = customer.post("/api/v1/subscriptions/" + id + "/reactivate");
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("INVALID_STATE");
        assertThat(as(newId("someone"), "CUSTOMER").post("/api/v1/subscriptions/" + id + "/reactivate").status())
                .isEqualTo(404);
    }

    @Test
    void aFailedRenewalSeenThroughDuplicatedShuffledWebhooksStillEndsCanceledOnce() {
        Api customer = as(newId("consumer"), "CUSTOMER");
        String plan = plan(admin(), "CONSUMER", 1500, 0, List.of("pro"));
        webhooks.setCopies(2);
        webhooks.hold();
        String id = subscribe(customer, plan, "pm_card_visa", null).path("id").asText();
        customer.post("/api/v1/payment-methods", Map.of("paymentMethodId", "pm_card_chargeDeclined", "isDefault", true));
        advanceClock("P31D");
        webhooks.release(7);
        webhooks.awaitIdle(WAIT);

        awaitSubscription(customer, id, status("CANCELED"));
        await().atMost(WAIT).until(() -> invoices(customer, null).size() == 2);
        assertThat(invoices(customer, "paid")).hasSize(1);
        assertThat(invoices(customer, "open")).hasSize(1);
    }

    private List<Long> paidAmounts(Api customer) {
        return invoices(customer, "paid").stream().map(i -> i.path("amount").path("amount").asLong()).toList();
    }
}
