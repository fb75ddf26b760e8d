package io.settle.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.settle.app.gateway.simulator.connect.SimulatedConnect;
import io.settle.testsupport.Api;
import io.settle.testsupport.StandaloneApp;
import io.settle.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A payout retry scheduled before the application stops happens once after it starts again. */
class PayoutRetrySurvivesRestartTest {

    private static final String PROVIDER = "prov_payout_restart";

    @Test
    void a_payout_retry_in_backoff_at_shutdown_runs_once_after_the_restart() throws InterruptedException {
        TestDatabase.Coordinates db = TestDatabase.newDatabase();
        List<String> args = StandaloneApp.args(db, "--settle.payouts.retry-base-delay=PT8S",
                "--settle.commission.default-bps=1000");
        String accountId;
        String payoutId;
        try (ConfigurableApplicationContext first = StandaloneApp.start(args)) {
            Api provider = StandaloneApp.api(first, PROVIDER, "PROVIDER");
            accountId = provider.post("/api/v1/connect/account", Map.of("country", "US", "email", "p@example.com"))
                    .json().path("accountId").asText();
            StandaloneApp.api(first, "anyone", "CUSTOMER").post("/api/v1/dev/simulator/accounts/" + accountId + "/complete-onboarding");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "ENABLED".equals(provider.get("/api/v1/connect/account").json().path("status").asText()));
            releaseOneBooking(first, provider);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            // the wallet's row appears only once the projection caught up: until then the query finds none
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                    "SELECT available FROM wallet_balances WHERE user_id = ?", Long.class, PROVIDER).contains(2700L));

            SimulatedConnect connect = first.getBean(SimulatedConnect.class);
            long tasksBefore = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks", Long.class);
            connect.refuseConnectionForNextTransfers(1);
            Api.Response requested = provider.post("/api/v1/wallet/payouts", Map.of());
            assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
            payoutId = requested.json().path("id").asText();
            // the retry deadline is waiting in db-scheduler's table when the application stops
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM scheduled_tasks", Long.class) > tasksBefore);
            assertThat(connect.transfers()).isEmpty();
        }

        try (ConfigurableApplicationContext second = StandaloneApp.start(args)) {
            SimulatedConnect connect = second.getBean(SimulatedConnect.class);
            connect.restoreEnabledAccount(accountId, Map.of("provider_id", PROVIDER));
            Api provider = StandaloneApp.api(second, PROVIDER, "PROVIDER");
            String id = payoutId;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var payout : provider.get("/api/v1/wallet/payouts").json().path("data")) {
                    if (id.equals(payout.path("id").asText())) {
                        return "PAID".equals(payout.path("status").asText());
                    }
                }
                return false;
            });
            assertThat(connect.transfersInGroup("payout:" + payoutId)).hasSize(1);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE "
                    + "'%PayoutTransferred'", Long.class)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                    "SELECT total_withdrawn FROM wallet_balances WHERE user_id = ?", Long.class, PROVIDER).contains(2700L));
            Thread.sleep(3000); // a second retry, if one were left behind, would have run by now
            assertThat(connect.transfers()).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries", Long.class)).isZero();
        }
    }

    private static void releaseOneBooking(ConfigurableApplicationContext context, Api provider) {
        Api customer = StandaloneApp.api(context, "cust_payout_restart", "CUSTOMER");
        String offeringId = provider.post("/api/v1/offerings", Map.of("title", "Session", "durationMinutes", 20,
                "price", Map.of("amount", 3000, "currency", "usd"))).json().path("id").asText();
        Api.Response booked = customer.post("/api/v1/bookings", Map.of("offeringId", offeringId,
                "scheduledAt", Instant.now().minus(Duration.ofMinutes(30)).toString(), "paymentMethodId", "pm_card_visa"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String bookingId = booked.json().path("id").asText();
        Api.Response released = StandaloneApp.api(context, "admin_payout_restart", "ADMIN")
                .post("/api/v1/admin/bookings/" + bookingId + "/release");
        assertThat(released.status()).as(released.toString()).isLessThan(300);
    }


}
