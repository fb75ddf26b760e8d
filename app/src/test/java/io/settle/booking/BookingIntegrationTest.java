package io.settle.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.gateway.simulator.SimulatorWebhookDelivery;
import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the booking flows: the whole application on PostgreSQL with the Stripe simulator, a 3-second
 * escrow hold so release deadlines fire during the test, and fast refund and payout retries.
 */
@TestPropertySource(properties = {
        "settle.escrow.hold-period=PT3S",
        "settle.refund.retry-base-delay=PT1S",
        "settle.payouts.retry-base-delay=PT1S",
        "settle.commission.default-bps=1000"})
public abstract class BookingIntegrationTest extends IntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    protected SimulatorWebhookDelivery webhooks;

    @AfterEach
    void resetWebhookDelivery() {
        webhooks.reset();
        webhooks.awaitIdle(WAIT);
    }

    protected static String newId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Api admin() {
        return as("admin_" + UUID.randomUUID().toString().substring(0, 6), "ADMIN");
    }

    protected String offering(Api provider, long amount) {
        Api.Response created = provider.post("/api/v1/offerings", Map.of("title", "20 Minute Session",
                "durationMinutes", 20, "price", Map.of("amount", amount, "currency", "usd"),
                "description", "A focused session"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    /**
     * A 20-minute session that began 30 minutes ago: it has ended, so the escrow hold (3 s here) runs from
     * the payment and the release deadline fires during the test.
     */
    protected static String soon() {
        return Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    protected Api.Response book(Api customer, String offeringId, String paymentMethodId) {
        return customer.post("/api/v1/bookings", paymentMethodId == null
                ? Map.of("offeringId", offeringId, "scheduledAt", soon())
                : Map.of("offeringId", offeringId, "scheduledAt", soon(), "paymentMethodId", paymentMethodId));
    }

    protected JsonNode awaitBooking(Api user, String bookingId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            Api.Response r = user.get("/api/v1/bookings/" + bookingId);
            last[0] = r.status() == 200 ? r.json() : null;
            return last[0] != null && status.equals(last[0].path("status").asText());
        });
        return last[0];
    }

    protected JsonNode wallet(Api user, String currency) {
        for (JsonNode w : user.get("/api/v1/wallet").json()) {
            if (currency.equals(w.path("currency").asText())) {
                return w;
            }
        }
        return null;
    }

    protected long walletField(Api user, String field) {
        JsonNode w = wallet(user, "usd");
        return w == null ? 0 : w.path(field).asLong();
    }

    protected void awaitWallet(Api user, String field, long expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> walletField(user, field) == expected);
    }

    /** Waits until every projection has caught up, then asserts the ledger's invariants. */
    protected JsonNode assertLedgerBalanced() {
        JsonNode check = admin().get("/api/v1/admin/ledger/check").json();
        assertThat(check.path("balanced").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.path("negativeAvailable")).as(check.toString()).isEmpty();
        return check;
    }

    protected long ledgerBalance(String account) {
        return jdbcBalance(account);
    }

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    private long jdbcBalance(String account) {
        Long sum = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account = ?",
                Long.class, account);
        return sum == null ? 0 : sum;
    }

    protected void awaitLedger(String account, long expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> jdbcBalance(account) == expected);
    }
}
