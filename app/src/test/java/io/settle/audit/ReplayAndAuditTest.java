package io.settle.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.booking.BookingIntegrationTest;
import io.settle.testsupport.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Replay equivalence: after a mixed scenario, every projection table is checksummed, the tables are
 * deliberately damaged, all projections are replayed from the first event, and the checksums must be
 * identical again. Runs on its own database so no other test's deadlines fire during the replay.
 */
@TestPropertySource(properties = "settle.test.isolated-database=replay")
class ReplayAndAuditTest extends BookingIntegrationTest {

    /**
     * Row contents by each table's natural key. Surrogate ids are left out: sequences are not transactional,
     * so a replay batch that rolls back and retries leaves gaps, and ids may differ from the live run.
     */
    private static final Map<String, String> TABLES = Map.of(
            "bookings", "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM bookings t",
            "wallet_balances", "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.user_id, t.currency), '')) FROM wallet_balances t",
            "wallet_transactions", "SELECT md5(coalesce(string_agg(to_jsonb(t)::jsonb - 'id' #>> '{}', '|' "
                    + "ORDER BY t.event_id, t.balance), '')) FROM wallet_transactions t",
            "ledger_entries", "SELECT md5(coalesce(string_agg(to_jsonb(t)::jsonb - 'id' #>> '{}', '|' "
                    + "ORDER BY t.event_id, t.line), '')) FROM ledger_entries t",
            "admin_alerts", "SELECT md5(coalesce(string_agg(to_jsonb(t)::jsonb - 'id' #>> '{}', '|' "
                    + "ORDER BY t.event_id), '')) FROM admin_alerts t");
    private static final List<String> PROJECTIONS = List.of("bookings", "wallets", "ledger", "alerts");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void replaying_every_projection_rebuilds_identical_tables_and_audits_read_the_events() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        String customerId = newId("cust");
        Api customer = as(customerId, "CUSTOMER");
        Api admin = admin();
        String offeringId = offering(provider, 3000);

        String released = book(customer, offeringId, "pm_card_visa").json().path("id").asText();
        awaitWallet(provider, "pending", 2700);
        Instant afterFirstPayment = Instant.now(); // its release is 3 s after the payment
        String cancelled = book(customer, offeringId, "pm_card_visa").json().path("id").asText();
        customer.post("/api/v1/bookings/" + cancelled + "/cancel", Map.of("reason", "changed my mind"));
        book(customer, offeringId, "pm_card_chargeDeclined");
        String disputed = book(customer, offeringId, "pm_card_visa").json().path("id").asText();
        customer.post("/api/v1/bookings/" + disputed + "/disputes", Map.of("reason", "too short"));
        customer.post("/api/v1/credits/purchases", Map.of("amount", Map.of("amount", 5000, "currency", "usd"),
                "paymentMethodId", "pm_card_visa"));
        awaitWallet(customer, "credits", 5000);
        String paidWithCredits = customer.post("/api/v1/bookings", Map.of("offeringId", offeringId,
                "scheduledAt", soon(), "paymentSource", "credits")).json().path("id").asText();
        awaitBooking(customer, disputed, "DISPUTED");
        admin.post("/api/v1/admin/bookings/" + disputed + "/resolution",
                Map.of("outcome", "PARTIAL_REFUND", "refundAmount", Map.of("amount", 1000, "currency", "usd")));
        awaitBooking(customer, released, "RELEASED");
        awaitBooking(customer, cancelled, "REFUNDED");
        awaitBooking(customer, paidWithCredits, "RELEASED");
        awaitBooking(customer, disputed, "PARTIALLY_REFUNDED");
        awaitWallet(provider, "available", 2700 + 2700 + 1800);
        awaitProjectionsCaughtUp(admin);
        Map<String, String> live = checksums();
        assertLedgerBalanced();

        jdbc.update("UPDATE bookings SET status = 'DAMAGED'");
        jdbc.update("DELETE FROM ledger_entries WHERE id IN (SELECT min(id) FROM ledger_entries)");
        jdbc.update("UPDATE wallet_balances SET available = available + 1");
        assertThat(checksums()).isNotEqualTo(live);
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        long started = System.nanoTime();
        for (String projection : PROJECTIONS) {
            Api.Response replay = admin.post("/api/v1/admin/projections/" + projection + "/replay");
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(checksums()).isEqualTo(live));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("replay of %d projections over %d events took %.2f s (%.0f events/s per projection)%n",
                PROJECTIONS.size(), events, seconds, events / seconds);
        awaitProjectionsCaughtUp(admin);
        assertThat(checksums()).isEqualTo(live);

        Api.Response sagaReplay = admin.post("/api/v1/admin/projections/EscrowSagaProcessor/replay");
        assertThat(sagaReplay.status()).isEqualTo(409);

        JsonNode history = admin.get("/api/v1/admin/audit/bookings/" + released + "/events").json();
        assertThat(history.path("events").get(0).path("type").asText()).isEqualTo("BookingRequested");
        assertThat(history.path("events").get(0).path("metadata").path("userId").asText())
                .isEqualTo(customerId);
        assertThat(history.path("events").get(0).path("metadata").path("correlationId").asText()).isNotBlank();
        assertThat(history.findValuesAsText("type")).contains("PaymentCaptured", "FundsHeld", "EscrowReleased");
        assertThat(admin.get("/api/v1/admin/audit/bookings/bk_nope/events").status()).isEqualTo(404);

        JsonNode then = admin.get("/api/v1/admin/audit/wallets/" + providerId + "?asOf=" + afterFirstPayment).json();
        JsonNode now = admin.get("/api/v1/admin/audit/wallets/" + providerId).json();
        assertThat(now.get(0).path("available").asLong()).isEqualTo(2700 + 2700 + 1800);
        assertThat(now.get(0).path("pending").asLong()).isZero();
        assertThat(then.get(0).path("pending").asLong()).isEqualTo(2700);
        assertThat(then.get(0).path("available").asLong()).isZero();
        assertThat(customer.get("/api/v1/admin/audit/wallets/" + providerId).status()).isEqualTo(403);
    }

    private Map<String, String> checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        TABLES.forEach((table, sql) -> sums.put(table, jdbc.queryForObject(sql, String.class)));
        return sums;
    }

    private void awaitProjectionsCaughtUp(Api admin) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode processors = admin.get("/api/v1/admin/projections").json();
            int seen = 0;
            for (JsonNode p : processors) {
                if (PROJECTIONS.contains(p.path("name").asText())) {
                    seen++;
                    if (p.path("replaying").asBoolean() || p.path("lag").asLong(-1) != 0) {
                        return false;
                    }
                }
            }
            return seen == PROJECTIONS.size();
        });
    }
}
