package io.settle.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Subscription money end to end on PostgreSQL: refunds of invoices (fan: the provider's earning reversed in
 * proportion; platform: subscription fees reversed), platform invoices in the ledger, the commission of the
 * tier in force when a fan invoice was paid, downgrades at period end, and one subscription per family
 * under concurrent requests.
 */
class SubscriptionMoneyTest extends SubscriptionIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    private String onlyPaidInvoice(Api user) {
        List<JsonNode> paid = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            paid.clear();
            paid.addAll(invoices(user, "paid").stream().filter(i -> i.path("amount").path("amount").asLong() > 0)
                    .toList());
            assertThat(paid).hasSize(1);
        });
        return paid.get(0).path("id").asText();
    }

    /** The invoice's own lines on one account (the platform's accounts are shared by every test). */
    private void awaitInvoiceLedger(String invoiceId, String account, long expected) {
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries "
                + "WHERE reference = ? AND account = ?", Long.class, invoiceId, account) == expected);
    }

    private Api.Response refund(String invoiceId, Long amount) {
        return api().post("/api/v1/dev/simulator/invoices/" + invoiceId + "/refund",
                amount == null ? Map.of() : Map.of("amount", amount));
    }

    @Test
    void aRefundedFanInvoiceTakesBackTheProvidersShareAndTheCommissionInProportion() {
        String providerId = newId("creator");
        Api provider = as(providerId, "PROVIDER");
        Api fan = as(newId("fan"), "CUSTOMER");
        String gold = plan(provider, "FAN", 500, 0, List.of("posts"));
        subscribe(fan, gold, "pm_card_visa", null);
        awaitWallet(provider, "available", 400); // Free: 20 % of $5.00
        String invoice = onlyPaidInvoice(fan);

        webhooks.setCopies(2); // every charge.refunded delivered twice
        Api.Response partial = refund(invoice, 250L);
        assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
        // $2.50 back: fee 20 % = 50, provider 200
        awaitWallet(provider, "available", 200);
        awaitInvoiceLedger(invoice, "platform:revenue", -100 + 50);
        Api.Response rest = refund(invoice, null);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        awaitWallet(provider, "available", 0);
        awaitInvoiceLedger(invoice, "platform:revenue", 0);
        awaitInvoiceLedger(invoice, "stripe:clearing", 0);
        awaitLedger("provider:" + providerId + ":available", 0);
        webhooks.awaitIdle(WAIT);
        webhooks.setCopies(1);
        await().atMost(WAIT).until(() -> fan.get("/api/v1/invoices/" + invoice).json().path("refunded")
                .path("amount").asLong() == 500);
        assertThat(refund(invoice, 1L).status()).as("nothing left to refund").isEqualTo(400);
        assertThat(walletField(provider, "available")).isEqualTo(0);
        assertLedgerBalanced();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entries WHERE entry_type = 'SUBSCRIPTION_REVERSAL' "
                + "AND reference = ?", Long.class, invoice)).as("two reversals of three lines").isEqualTo(6);
    }

    @Test
    void providerTierInvoicesAreSubscriptionFeesInTheLedgerAndTheirRefundsTakeThemBack() {
        String providerId = newId("mentor");
        Api provider = as(providerId, "PROVIDER");
        subscribe(provider, PREMIUM, "pm_card_visa", null);
        String invoice = onlyPaidInvoice(provider);
        awaitInvoiceLedger(invoice, "platform:subscription-fees", -9900);
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM ledger_entries WHERE reference = ? AND account = "
                + "'stripe:clearing'", Long.class, invoice)).isEqualTo(9900);

        assertThat(refund(invoice, 4000L).status()).isEqualTo(200);
        awaitInvoiceLedger(invoice, "platform:subscription-fees", -5900);
        assertThat(refund(invoice, null).status()).isEqualTo(200);
        awaitInvoiceLedger(invoice, "platform:subscription-fees", 0);
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM ledger_entries WHERE reference = ? AND account = "
                + "'stripe:clearing'", Long.class, invoice)).isEqualTo(0);
        assertLedgerBalanced();
        // the tier itself is untouched by a refund: Stripe does not cancel on refund
        assertThat(provider.get("/api/v1/subscriptions/me").json().get(0).path("planName").asText())
                .isEqualTo("Premium");
    }

    @Test
    void aFanInvoiceIsChargedTheCommissionOfTheTierInForceWhenItWasPaidEvenWhenItsWebhookComesLate() {
        String providerId = newId("creator");
        Api provider = as(providerId, "PROVIDER");
        Api fan = as(newId("fan"), "CUSTOMER");
        String tier = subscribe(provider, FREE, null, null).path("id").asText();
        assertThat(provider.post("/api/v1/payment-methods", Map.of("paymentMethodId", "pm_card_visa",
                "isDefault", true)).status()).isEqualTo(201);
        String gold = plan(provider, "FAN", 1000, 0, List.of("posts"));
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM provider_tier_history WHERE provider_id = ?", Long.class, providerId) == 1);

        webhooks.hold();
        subscribe(fan, gold, "pm_card_visa", null); // paid now, on Free (20 %); its webhook waits
        sleepPastTheSecond(); // Stripe event times are whole seconds
        Api.Response upgraded = provider.put("/api/v1/subscriptions/" + tier,
                Map.of("planId", PREMIUM, "prorationBehavior", "create_prorations"));
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        webhooks.release(7);
        webhooks.awaitIdle(WAIT);

        awaitWallet(provider, "available", 800); // $10 − 20 %, not − 10 % of the tier it is on now
        assertThat(jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE payload_type LIKE "
                + "'%SubscriptionEarningCredited' AND aggregate_identifier = ?", byte[].class, providerId + ":usd"))
                .asString().contains("\"commissionBps\":2000");

        sleepPastTheSecond(); // the renewal's event time must not share the upgrade's second either
        advanceClock("P31D"); // the renewal is paid on Premium: 10 %
        awaitWallet(provider, "available", 800 + 900);
        assertLedgerBalanced();
    }

    @Test
    void aDowngradeWaitsForThePeriodEndAndTheRenewalBillsTheCheaperPlan() {
        Api provider = as(newId("mentor"), "PROVIDER");
        String id = subscribe(provider, PREMIUM, "pm_card_visa", null).path("id").asText();

        Api.Response down = provider.put("/api/v1/subscriptions/" + id, Map.of("planId", "plan_tier_entry",
                "prorationBehavior", "none"));
        assertThat(down.status()).as(down.toString()).isEqualTo(200);
        JsonNode body = down.json();
        assertThat(body.path("planName").asText()).isEqualTo("Premium");
        assertThat(body.path("pendingChange").path("planName").asText()).isEqualTo("Entry");
        assertThat(body.path("pendingChange").path("price").path("amount").asLong()).isEqualTo(2900);
        assertThat(body.path("pendingChange").path("effectiveAt").asText())
                .isEqualTo(body.path("currentPeriodEnd").asText());
        JsonNode mine = mine(provider, id);
        assertThat(mine.path("pendingChange").path("planId").asText()).isEqualTo("plan_tier_entry");

        // changing one's mind drops it; scheduling again brings it back
        Api.Response keep = provider.put("/api/v1/subscriptions/" + id, Map.of("planId", PREMIUM));
        assertThat(keep.status()).as(keep.toString()).isEqualTo(200);
        assertThat(noPendingChange(keep.json())).as(keep.toString()).isTrue();
        assertThat(provider.put("/api/v1/subscriptions/" + id, Map.of("planId", "plan_tier_entry")).status())
                .isEqualTo(200);

        advanceClock("P31D");
        JsonNode renewed = awaitSubscription(provider, id, s -> "Entry".equals(s.path("planName").asText()));
        assertThat(noPendingChange(renewed)).as(renewed.toString()).isTrue();
        assertThat(renewed.path("status").asText()).isEqualTo("ACTIVE");
        await().atMost(WAIT).untilAsserted(() -> assertThat(invoices(provider, null))
                .anySatisfy(i -> assertThat(i.path("amount").path("amount").asLong()).isEqualTo(2900)));
        assertThat(invoices(provider, "paid")).extracting(i -> i.path("amount").path("amount").asLong())
                .containsExactlyInAnyOrder(2900L, 9900L);
    }

    @Test
    void concurrentSubscribesOfOneFamilyCreateExactlyOne() throws Exception {
        Api admin = admin();
        String plus = plan(admin, "CONSUMER", 1200, 14, List.of("ad-free"));
        Api customer = as(newId("customer"), "CUSTOMER");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(() -> customer.post("/api/v1/subscriptions", Map.of("planId", plus)));
            }
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            assertThat(responses).filteredOn(r -> r.status() == 201).as(responses.toString()).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() != 201)
                    .allSatisfy(r -> {
                        assertThat(r.status()).as(r.toString()).isEqualTo(409);
                        assertThat(r.code()).isEqualTo("ACTIVE_SUBSCRIPTION_EXISTS");
                    });
        } finally {
            pool.shutdownNow();
        }
        assertThat(customer.get("/api/v1/subscriptions/me").json()).hasSize(1);
        // once it has ended, the family is free again
        String id = customer.get("/api/v1/subscriptions/me").json().get(0).path("id").asText();
        assertThat(customer.post("/api/v1/subscriptions/" + id + "/cancel", Map.of("cancelAtPeriodEnd", false))
                .status()).isEqualTo(200);
        assertThat(customer.post("/api/v1/subscriptions", Map.of("planId", plus)).status()).isEqualTo(201);
    }

    private static boolean noPendingChange(JsonNode subscription) {
        return subscription.path("pendingChange").isMissingNode() || subscription.path("pendingChange").isNull();
    }

    private static void sleepPastTheSecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
