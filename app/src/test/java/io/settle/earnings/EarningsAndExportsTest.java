package io.settle.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.booking.BookingIntegrationTest;
import io.settle.testsupport.Api;
import java.io.StringReader;
import java.time.Year;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** A provider's earnings, summary, CSV export and tax figures after two releases and a refund. */
class EarningsAndExportsTest extends BookingIntegrationTest {

    @Test
    void earnings_summary_exports_and_tax_agree_with_the_bookings() throws Exception {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String thirty = book(customer, offering(provider, 3000), "pm_card_visa").json().path("id").asText();
        String fifty = book(customer, offering(provider, 5000), "pm_card_visa").json().path("id").asText();
        String refunded = book(customer, offering(provider, 3000), "pm_card_visa").json().path("id").asText();
        customer.post("/api/v1/bookings/" + refunded + "/cancel", Map.of("reason", "ill"));
        awaitBooking(provider, thirty, "RELEASED");
        awaitBooking(provider, fifty, "RELEASED");
        awaitBooking(provider, refunded, "REFUNDED");
        awaitWallet(provider, "available", 2700 + 4500);

        JsonNode earnings = provider.get("/api/v1/earnings?granularity=day").json();
        assertThat(earnings.path("buckets")).hasSize(1);
        JsonNode today = earnings.path("buckets").get(0);
        assertThat(today.path("gross").asLong()).isEqualTo(8000);
        assertThat(today.path("commission").asLong()).isEqualTo(800);
        assertThat(today.path("net").asLong()).isEqualTo(7200);
        assertThat(today.path("bookings").asLong()).isEqualTo(2);
        assertThat(earnings.path("totals").get(0).path("net").asLong()).isEqualTo(7200);
        assertThat(provider.get("/api/v1/earnings?granularity=month").json().path("totals").get(0).path("gross").asLong())
                .isEqualTo(8000);
        assertThat(admin().get("/api/v1/earnings?granularity=week&providerId=" + providerId).json()
                .path("totals").get(0).path("net").asLong()).isEqualTo(7200);
        assertThat(customer.get("/api/v1/earnings").status()).isEqualTo(403);
        assertThat(as(newId("prov"), "PROVIDER").get("/api/v1/earnings?providerId=" + providerId).status()).isEqualTo(404);
        assertThat(provider.get("/api/v1/earnings?granularity=hourly").status()).isEqualTo(400);

        JsonNode summary = provider.get("/api/v1/earnings/summary").json();
        assertThat(summary.path("currencies").get(0).path("available").asLong()).isEqualTo(7200);
        assertThat(summary.path("currencies").get(0).path("pending").asLong()).isZero();
        assertThat(summary.path("currencies").get(0).path("commissionPaid").asLong()).isEqualTo(800);
        assertThat(summary.path("commissionByRate").get(0).path("commissionBps").asInt()).isEqualTo(1000);

        JsonNode revenue = admin().get("/api/v1/admin/revenue?granularity=day").json();
        assertThat(revenue.path("periods").get(revenue.path("periods").size() - 1).path("commissions").asLong())
                .isGreaterThanOrEqualTo(800);
        assertThat(provider.get("/api/v1/admin/revenue").status()).isEqualTo(403);

        Api.Response csv = provider.get("/api/v1/exports/transactions.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).extracting(r -> r.get("type") + " " + r.get("balance") + " " + r.get("amount"))
                .contains("EARNING_RELEASED AVAILABLE 27.00", "EARNING_RELEASED AVAILABLE 45.00",
                        "EARNING_REVERSED PENDING -27.00");
        assertThat(rows).allMatch(r -> r.get("user_id").equals(providerId) && r.get("currency").equals("usd"));

        JsonNode released = provider.get("/api/v1/wallet/transactions?type=EARNING_RELEASED").json();
        assertThat(released.path("data")).hasSize(4).allMatch(t -> t.path("type").asText().equals("EARNING_RELEASED"));
        JsonNode firstPage = provider.get("/api/v1/wallet/transactions?limit=2").json();
        assertThat(firstPage.path("data")).hasSize(2);
        JsonNode secondPage = provider.get("/api/v1/wallet/transactions?limit=2&cursor="
                + firstPage.path("nextCursor").asText()).json();
        assertThat(secondPage.path("data").get(0).path("id").asLong())
                .isLessThan(firstPage.path("data").get(1).path("id").asLong());
        assertThat(provider.get("/api/v1/wallet/transactions?from=2099-01-01T00:00:00Z").json().path("data")).isEmpty();
        assertThat(provider.get("/api/v1/wallet/transactions?cursor=abc").status()).isEqualTo(400);

        JsonNode tax = provider.get("/api/v1/reports/tax?year=" + Year.now().getValue()).json();
        JsonNode line = tax.path("providers").get(0);
        assertThat(line.path("gross").asLong()).isEqualTo(11000);
        assertThat(line.path("refunds").asLong()).isEqualTo(3000);
        assertThat(line.path("fees").asLong()).isEqualTo(800);
        assertThat(line.path("net").asLong()).isEqualTo(7200);
        assertThat(line.path("transactions").asLong()).isEqualTo(3);
        String taxCsv = provider.get("/api/v1/reports/tax?format=csv").body();
        assertThat(taxCsv).startsWith("year,provider_id,currency,gross,refunds,fees,net,payouts,transactions")
                .contains(providerId + ",usd,110.00,30.00,8.00,72.00,0.00,3");
    }
}
