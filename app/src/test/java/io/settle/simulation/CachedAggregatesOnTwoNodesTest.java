package io.settle.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.settle.testsupport.Api;
import io.settle.testsupport.StandaloneApp;
import io.settle.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wallets and bookings are kept in a per-node memory cache. With two nodes behind a load balancer, one node's
 * copy falls behind when the other changes the aggregate. A command on the stale copy must still be decided
 * on the current state: one that changes something conflicts on append and is retried; one that is refused
 * is retried once on state read afresh, so no caller is turned away by what another node already changed.
 */
class CachedAggregatesOnTwoNodesTest {

    private static ConfigurableApplicationContext one;
    private static ConfigurableApplicationContext two;

    @BeforeAll
    static void startTwoNodes() {
        List<String> args = StandaloneApp.args(TestDatabase.newDatabase(), "--settle.rate-limit.payments-per-minute=0");
        one = StandaloneApp.start(args);
        two = StandaloneApp.start(args);
    }

    @AfterAll
    static void stop() {
        if (two != null) {
            two.close();
        }
        if (one != null) {
            one.close();
        }
    }

    @Test
    void credits_added_on_the_other_node_pay_for_a_booking_refused_by_this_nodes_cached_wallet() {
        String customer = "cache_cust_credits";
        Api provider = StandaloneApp.api(one, "cache_prov_credits", "PROVIDER");
        buyCredits(StandaloneApp.api(one, customer, "CUSTOMER"), 700);
        awaitCredits(customer, 700); // the wallet with 700 is now in node one's cache
        buyCredits(StandaloneApp.api(two, customer, "CUSTOMER"), 700);
        awaitCredits(customer, 1400);

        Api.Response booked = StandaloneApp.api(one, customer, "CUSTOMER").post("/api/v1/bookings",
                Map.of("offeringId", offering(provider, 1000), "scheduledAt", soon(), "paymentSource", "credits"));

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().path("status").asText()).isEqualTo("PAID");
        awaitCredits(customer, 400);
    }

    @Test
    void a_booking_started_on_the_other_node_is_completed_from_this_nodes_cached_copy_exactly_once() {
        Api customer = StandaloneApp.api(one, "cache_cust_session", "CUSTOMER");
        Api providerOnOne = StandaloneApp.api(one, "cache_prov_session", "PROVIDER");
        Api providerOnTwo = StandaloneApp.api(two, "cache_prov_session", "PROVIDER");
        Api.Response booked = customer.post("/api/v1/bookings", Map.of("offeringId", offering(providerOnOne, 3000),
                "scheduledAt", soon(), "paymentMethodId", "pm_card_visa"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String bookingId = booked.json().path("id").asText(); // cached on node one as PAID

        Api.Response started = providerOnTwo.post("/api/v1/bookings/" + bookingId + "/start");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        Api.Response completed = providerOnOne.post("/api/v1/bookings/" + bookingId + "/complete");
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        Api.Response startedAgain = providerOnOne.post("/api/v1/bookings/" + bookingId + "/start");
        assertThat(startedAgain.status()).as("starting a completed session: " + startedAgain).isEqualTo(409);

        JdbcTemplate jdbc = one.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number", String.class, bookingId))
                .map(type -> type.substring(type.lastIndexOf('$') + 1))
                .containsExactly("BookingRequested", "PaymentIntentAttached", "PaymentCaptured", "FundsHeld",
                        "SessionStarted", "SessionCompleted");
    }

    private static void buyCredits(Api customer, long amount) {
        Api.Response purchase = customer.post("/api/v1/credits/purchases", Map.of("amount",
                Map.of("amount", amount, "currency", "usd"), "paymentMethodId", "pm_card_visa"));
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(201);
    }

    private static void awaitCredits(String customer, long expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (ConfigurableApplicationContext node : List.of(one, two)) {
                assertThat(StandaloneApp.api(node, customer, "CUSTOMER").get("/api/v1/wallet").json().path(0)
                        .path("credits").asLong()).as(customer + " credits").isEqualTo(expected);
            }
        });
    }

    private static String offering(Api provider, long amount) {
        Api.Response created = provider.post("/api/v1/offerings", Map.of("title", "Cached", "durationMinutes", 20,
                "price", Map.of("amount", amount, "currency", "usd")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static String soon() {
        return Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
