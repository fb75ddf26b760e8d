package io.settle.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/** A release deadline scheduled before the application stops fires once after it starts again. */
class EscrowDeadlineSurvivesRestartTest {

    @Test
    void a_release_deadline_scheduled_before_a_restart_fires_after_it() {
        TestDatabase.Coordinates db = TestDatabase.newDatabase();
        List<String> args = StandaloneApp.args(db, "--settle.escrow.hold-period=PT6S", "--settle.commission.default-bps=1000");
        String bookingId;
        Api provider;
        try (ConfigurableApplicationContext first = StandaloneApp.start(args)) {
            provider = StandaloneApp.api(first, "prov_restart", "PROVIDER");
            Api customer = StandaloneApp.api(first, "cust_restart", "CUSTOMER");
            String offeringId = provider.post("/api/v1/offerings", Map.of("title", "Session", "durationMinutes", 20,
                    "price", Map.of("amount", 3000, "currency", "usd"))).json().path("id").asText();
            Api.Response booked = customer.post("/api/v1/bookings", Map.of("offeringId", offeringId,
                    "scheduledAt", Instant.now().minus(Duration.ofMinutes(30)).toString(), "paymentMethodId", "pm_card_visa"));
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            bookingId = booked.json().path("id").asText();
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM scheduled_tasks", Long.class) > 1); // the deadline, besides recurring tasks
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE '%EscrowReleased'",
                    Long.class)).isZero();
        }

        try (ConfigurableApplicationContext second = StandaloneApp.start(args)) {
            Api restartedProvider = StandaloneApp.api(second, "prov_restart", "PROVIDER");
            String id = bookingId;
            await().atMost(Duration.ofSeconds(40)).until(() ->
                    "RELEASED".equals(restartedProvider.get("/api/v1/bookings/" + id).json().path("status").asText()));
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT available FROM wallet_balances WHERE user_id = 'prov_restart'", Long.class) == 2700);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type LIKE '%EscrowReleased'", Long.class, bookingId)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries", Long.class)).isZero();
        }
    }


}
