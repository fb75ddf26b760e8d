package io.settle.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.settle.app.admin.ProjectionsController;
import io.settle.app.admin.ProjectionsController.ProcessorStatus;
import io.settle.testsupport.Api;
import io.settle.testsupport.StandaloneApp;
import io.settle.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application instances on one PostgreSQL: each projection has two segments and one thread per node, so
 * the nodes split every projection between them; customers buy credits through both nodes at once, so
 * commands for one wallet race on the two nodes (optimistic locking on the event sequence, retried). No
 * update is lost and the totals are exact, whichever node projected which wallet.
 */
class TwoNodesTest {

    private static final List<String> PROJECTIONS = List.of("alerts", "bookings", "connect-accounts", "ledger",
            "payouts", "subscriptions", "user-updates", "wallets");
    private static final int CUSTOMERS = 3;
    private static final int PURCHASES_PER_CUSTOMER = 20;
    private static final long AMOUNT = 700;

    @Test
    void projections_split_segments_and_concurrent_purchases_to_one_wallet_lose_nothing() {
        List<String> args = new ArrayList<>(StandaloneApp.args(TestDatabase.newDatabase(),
                "--settle.rate-limit.payments-per-minute=0"));
        for (String projection : PROJECTIONS) {
            String prefix = "--axon.eventhandling.processors." + projection + ".";
            args.addAll(List.of(prefix + "mode=tracking", prefix + "thread-count=1", prefix + "initial-segment-count=2"));
        }
        try (ConfigurableApplicationContext one = StandaloneApp.start(args);
             ConfigurableApplicationContext two = StandaloneApp.start(args)) {
            ProjectionsController first = one.getBean(ProjectionsController.class);
            ProjectionsController second = two.getBean(ProjectionsController.class);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, Integer> onOne = claimed(first);
                Map<String, Integer> onTwo = claimed(second);
                for (String projection : PROJECTIONS) {
                    assertThat(onOne.get(projection)).as(projection + " on node one").isEqualTo(1);
                    assertThat(onTwo.get(projection)).as(projection + " on node two").isEqualTo(1);
                }
            });

            // and the token table agrees: both segments of each projection held, by two different owners
            JdbcTemplate tokens = one.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String projection : PROJECTIONS) {
                    List<String> owners = tokens.queryForList("SELECT owner FROM token_entry WHERE processor_name = ? "
                            + "ORDER BY segment", String.class, projection);
                    assertThat(owners).as(projection + " segment owners").hasSize(2).doesNotContainNull()
                            .doesNotHaveDuplicates();
                }
            });

            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS * PURCHASES_PER_CUSTOMER; i++) {
                Api customer = StandaloneApp.api(i % 2 == 0 ? one : two, "twin_cust" + (i % CUSTOMERS), "CUSTOMER");
                sent.add(CompletableFuture.supplyAsync(() -> {
                    awaitLatch(go);
                    return customer.post("/api/v1/credits/purchases", Map.of("amount",
                            Map.of("amount", AMOUNT, "currency", "usd"), "paymentMethodId", "pm_card_visa")).status();
                }, pool));
            }
            go.countDown();
            List<Integer> statuses = sent.stream().map(CompletableFuture::join).toList();
            pool.shutdown();
            assertThat(statuses).as("every purchase accepted").allMatch(s -> s == 201);

            long expected = PURCHASES_PER_CUSTOMER * AMOUNT;
            JdbcTemplate jdbc = one.getBean(JdbcTemplate.class);
            try {
                awaitTotals(one, two, jdbc, expected);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nnode one: " + first.list() + "\nnode two: " + second.list()
                        + "\ntokens: " + jdbc.queryForList("SELECT processor_name, segment, owner, "
                        + "convert_from(token, 'UTF8') AS token FROM token_entry ORDER BY 1, 2")
                        + "\nwallets: " + jdbc.queryForList("SELECT * FROM wallet_balances")
                        + "\nevents: " + jdbc.queryForList("SELECT aggregate_identifier, payload_type, COUNT(*) FROM "
                        + "domain_event_entry WHERE aggregate_identifier LIKE '%twin%' GROUP BY 1, 2"), e);
            }
            assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(credits), 0) FROM wallet_balances", Long.class))
                    .isEqualTo(CUSTOMERS * expected);
            assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries", Long.class)).isZero();
            // both nodes did projection work: each holds one of the two segments of every projection
            System.out.println("Segments on node one: " + claimed(first) + "; on node two: " + claimed(second));
        }
    }

    private static void awaitTotals(ConfigurableApplicationContext one, ConfigurableApplicationContext two,
                                    JdbcTemplate jdbc, long expected) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (int c = 0; c < CUSTOMERS; c++) {
                    String user = "twin_cust" + c;
                    for (ConfigurableApplicationContext node : List.of(one, two)) {
                        long credits = StandaloneApp.api(node, user, "CUSTOMER").get("/api/v1/wallet").json()
                                .path(0).path("credits").asLong();
                        assertThat(credits).as(user + " credits read on either node").isEqualTo(expected);
                    }
                    assertThat(jdbc.queryForObject("SELECT -COALESCE(SUM(amount), 0) FROM ledger_entries WHERE "
                            + "account = ?", Long.class, "customer:" + user + ":credits")).isEqualTo(expected);
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier "
                            + "LIKE ? AND payload_type LIKE '%$CreditsAdded'", Long.class, "%" + user + "%"))
                            .isEqualTo(PURCHASES_PER_CUSTOMER);
                }
            });
    }

    private static Map<String, Integer> claimed(ProjectionsController node) {
        return node.list().stream().filter(p -> !p.saga())
                .collect(Collectors.toMap(ProcessorStatus::name, ProcessorStatus::segmentsClaimed, (a, b) -> a));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
