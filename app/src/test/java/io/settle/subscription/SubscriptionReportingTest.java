package io.settle.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dashboards over a mixed scenario on PostgreSQL: a Premium provider's booking and fan invoice (partly
 * refunded), a consumer plan: the provider's earnings buckets count and include the fan invoice, the admin
 * revenue shows commissions, subscription fees and refunds per period and per tier by name, the payment
 * history filters and pages with keyset cursors, and the reporting views agree.
 */
class SubscriptionReportingTest extends SubscriptionIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    private static String q(Instant at) {
        return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
    }

    private String paidInvoiceOf(Api user, long amount) {
        String[] id = new String[1];
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> paid = invoices(user, "paid").stream()
                    .filter(i -> i.path("amount").path("amount").asLong() == amount).toList();
            assertThat(paid).hasSize(1);
            id[0] = paid.get(0).path("id").asText();
        });
        return id[0];
    }

    @Test
    void earningsRevenueAndPaymentsCoverSubscriptionsAndRefunds() {
        Instant t0 = Instant.now().minusSeconds(1);
        String providerId = newId("creator");
        Api provider = as(providerId, "PROVIDER");
        String customerId = newId("customer");
        Api customer = as(customerId, "CUSTOMER");
        Api fan = as(newId("fan"), "CUSTOMER");

        subscribe(provider, PREMIUM, "pm_card_visa", null); // $99 subscription fee
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM provider_tier_history WHERE "
                + "provider_id = ? AND plan_name = 'Premium'", Long.class, providerId) == 1);
        String booking = book(customer, offering(provider, 3000), "pm_card_visa").json().path("id").asText();
        String gold = plan(provider, "FAN", 1000, 0, List.of("posts"));
        subscribe(fan, gold, "pm_card_visa", null); // Premium: 10 % of $10
        String consumerPlan = plan(admin(), "CONSUMER", 700, 0, List.of("ad-free"));
        subscribe(customer, consumerPlan, "pm_card_visa", null); // $7 subscription fee
        awaitBooking(provider, booking, "RELEASED");
        awaitWallet(provider, "available", 2700 + 900);
        String fanInvoice = paidInvoiceOf(fan, 1000);
        assertThat(api().post("/api/v1/dev/simulator/invoices/" + fanInvoice + "/refund", Map.of("amount", 400))
                .status()).isEqualTo(200);
        awaitWallet(provider, "available", 2700 + 900 - 360); // $4 back: fee 40, provider 360
        assertLedgerBalanced();
        Instant t1 = Instant.now().plusSeconds(1);

        // the provider's earnings: the booking and the fan invoice less its refund
        JsonNode earnings = provider.get("/api/v1/earnings?granularity=month").json();
        JsonNode totals = earnings.path("totals").get(0);
        assertThat(totals.path("gross").asLong()).as(earnings.toString()).isEqualTo(3000 + 1000 - 400);
        assertThat(totals.path("commission").asLong()).isEqualTo(300 + 100 - 40);
        assertThat(totals.path("net").asLong()).isEqualTo(2700 + 900 - 360);
        assertThat(totals.path("bookings").asLong()).isEqualTo(1);
        assertThat(totals.path("subscriptions").asLong()).isEqualTo(1);

        // the platform's revenue in the scenario's window
        JsonNode revenue = admin().get("/api/v1/admin/revenue?granularity=day&from=" + q(t0) + "&to=" + q(t1)).json();
        long commissions = 0;
        long reversed = 0;
        long fees = 0;
        long refunds = 0;
        long net = 0;
        for (JsonNode period : revenue.path("periods")) {
            commissions += period.path("commissions").asLong();
            reversed += period.path("commissionsReversed").asLong();
            fees += period.path("subscriptionFees").asLong();
            refunds += period.path("refunds").asLong();
            net += period.path("net").asLong();
        }
        assertThat(commissions).as(revenue.toString()).isEqualTo(300 + 100);
        assertThat(reversed).isEqualTo(40);
        assertThat(fees).isEqualTo(9900 + 700);
        assertThat(refunds).isEqualTo(400);
        assertThat(net).isEqualTo(400 - 40 + 10600);
        JsonNode premium = null;
        for (JsonNode tier : revenue.path("byTier")) {
            if ("Premium".equals(tier.path("tier").asText())) {
                premium = tier;
            }
        }
        assertThat(premium).as(revenue.toString()).isNotNull();
        assertThat(premium.path("bookings").asLong()).isEqualTo(1);
        assertThat(premium.path("bookingCommissions").asLong()).isEqualTo(300);
        assertThat(premium.path("fanInvoices").asLong()).isEqualTo(1);
        assertThat(premium.path("fanCommissions").asLong()).isEqualTo(100);
        assertThat(premium.path("subscriptionFees").asLong()).isEqualTo(9900);
        assertThat(premium.path("refunded").asLong()).isEqualTo(40);
        assertThat(premium.path("net").asLong()).isEqualTo(300 + 100 + 9900 - 40);
        assertThat(admin().get("/api/v1/admin/revenue?from=" + q(t1) + "&to=" + q(t0)).status()).isEqualTo(400);

        // the analysts' views agree
        Map<String, Object> daily = jdbc.queryForMap("SELECT SUM(invoices_credited) AS invoices, SUM(reversals) AS "
                + "reversals, SUM(gross) AS gross, SUM(commission) AS commission, SUM(net) AS net FROM "
                + "reporting.subscription_earnings_daily WHERE provider_id = ?", providerId);
        assertThat(((Number) daily.get("invoices")).longValue()).isEqualTo(1);
        assertThat(((Number) daily.get("reversals")).longValue()).isEqualTo(1);
        assertThat(((Number) daily.get("gross")).longValue()).isEqualTo(600);
        assertThat(((Number) daily.get("commission")).longValue()).isEqualTo(60);
        assertThat(((Number) daily.get("net")).longValue()).isEqualTo(540);
        Map<String, Object> invoiceRow = jdbc.queryForMap("SELECT audience, provider_id, refunded_amount FROM "
                + "reporting.invoices WHERE invoice_id = ?", fanInvoice);
        assertThat(invoiceRow).containsEntry("audience", "FAN").containsEntry("provider_id", providerId);
        assertThat(((Number) invoiceRow.get("refunded_amount")).longValue()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(earned), 0) FROM reporting.platform_revenue_daily WHERE "
                + "source = 'subscription_fees'", Long.class)).isGreaterThanOrEqualTo(10600);

        // the customer's payments: filters and keyset pages
        assertThat(customer.get("/api/v1/payments?type=booking").json().path("data"))
                .extracting(p -> p.path("id").asText()).containsExactly(booking);
        assertThat(customer.get("/api/v1/payments?type=subscription").json().path("data"))
                .extracting(p -> p.path("amount").path("amount").asLong()).containsExactly(700L);
        assertThat(customer.get("/api/v1/payments?type=subscription&status=failed").json().path("data")).isEmpty();
        assertThat(customer.get("/api/v1/payments?from=" + q(t1)).json().path("data")).isEmpty();
        assertThat(customer.get("/api/v1/payments?to=" + q(t0)).json().path("data")).isEmpty();
        assertThat(fan.get("/api/v1/payments?type=subscription&status=succeeded").json().path("data")).hasSize(1);
        assertThat(customer.get("/api/v1/payments?type=refund").status()).isEqualTo(400);
        assertThat(customer.get("/api/v1/payments?cursor=not-a-cursor").status()).isEqualTo(400);

        JsonNode first = customer.get("/api/v1/payments?limit=1").json();
        assertThat(first.path("data")).hasSize(1);
        String cursor = first.path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        // a new payment arrives between the pages: it is newer than the cursor and never shifts page two
        String later = book(customer, offering(provider, 1500), "pm_card_visa").json().path("id").asText();
        await().atMost(WAIT).until(() -> customer.get("/api/v1/payments?type=booking").json().path("data").size() == 2);
        JsonNode second = customer.get("/api/v1/payments?limit=1&cursor=" + cursor).json();
        assertThat(second.path("data")).hasSize(1);
        List<String> seen = new ArrayList<>();
        seen.add(first.path("data").get(0).path("id").asText());
        seen.add(second.path("data").get(0).path("id").asText());
        JsonNode third = customer.get("/api/v1/payments?limit=1&cursor=" + second.path("nextCursor").asText()).json();
        third.path("data").forEach(p -> seen.add(p.path("id").asText()));
        assertThat(seen).doesNotHaveDuplicates().doesNotContain(later).hasSize(2);
        assertThat(customer.get("/api/v1/payments").json().path("data").get(0).path("id").asText()).isEqualTo(later);

        // a fully refunded invoice shows as refunded
        String consumerInvoice = paidInvoiceOf(customer, 700);
        assertThat(api().post("/api/v1/dev/simulator/invoices/" + consumerInvoice + "/refund", Map.of()).status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> customer.get("/api/v1/payments?type=subscription&status=refunded").json()
                .path("data").size() == 1);
        assertLedgerBalanced();
    }
}
