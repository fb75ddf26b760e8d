package io.settle.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.app.gateway.simulator.GatewayFault;
import io.settle.app.gateway.simulator.SimulatedStripe;
import io.settle.app.gateway.simulator.SimulatorEvent;
import io.settle.app.gateway.simulator.SimulatorWebhookDelivery;
import io.settle.app.gateway.simulator.connect.ConnectWebhookDelivery;
import io.settle.app.gateway.simulator.connect.SimulatedConnect;
import io.settle.saga.payout.ConnectGateway.Transfer;
import io.settle.testsupport.Api;
import io.settle.testsupport.StandaloneApp;
import io.settle.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Kills the application (closes its Spring context, possibly with a request in flight) at seeded points of
 * the booking and payout flows — a payout's transfer in backoff, an escrow deadline pending, webhooks not yet
 * delivered or not yet processed — and starts a new instance on the same database. Stripe does not forget
 * when we restart: the new instance's simulator takes over the old one's objects and idempotency keys, and
 * receives the webhooks the old one had not delivered. At the end every flow has completed, every escrow
 * deadline fired once, and no payout was transferred twice. {@code -Dcrash.seed=N} picks another seed.
 */
class CrashRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final long seed = Long.getLong("crash.seed", 20261122L);
    private final Random random = new Random(seed);
    private final List<String> log = new ArrayList<>();
    private final Map<String, String> bookings = new LinkedHashMap<>(); // booking -> customer
    private final List<String> payouts = new ArrayList<>();
    private final List<String> offerings = new ArrayList<>();
    private final List<Transfer> everyTransfer = new ArrayList<>();

    private ConfigurableApplicationContext app;
    private SimulatedStripe previousStripe;
    private SimulatedConnect previousConnect;
    private List<SimulatorEvent> undeliveredPayments = List.of();
    private List<SimulatorEvent> undeliveredConnect = List.of();

    @Test
    void flows_complete_deadlines_fire_once_and_no_payout_is_made_twice_across_kills() {
        List<String> args = StandaloneApp.args(TestDatabase.newDatabase(), "--settle.escrow.hold-period=PT3S",
                "--settle.payouts.retry-base-delay=PT2S", "--settle.refund.retry-base-delay=PT1S",
                "--settle.commission.default-bps=1000", "--settle.payouts.minimum=5.00",
                "--settle.webhooks.processing-timeout=PT3S", "--settle.webhooks.sweep-interval=PT1S",
                "--settle.rate-limit.payments-per-minute=0");
        try {
            start(args);
            setUp();
            int kills = 4;
            for (int round = 0; round < kills; round++) {
                int actions = 2 + random.nextInt(4);
                for (int i = 0; i < actions; i++) {
                    act(round + "." + i);
                }
                kill(round);
                start(args);
            }
            settle();
            check();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("Crash test failed for seed " + seed + " (rerun: -Dcrash.seed=" + seed + ")\n"
                    + e.getMessage() + "\nLog:\n" + String.join("\n", log), e);
        } finally {
            if (app != null) {
                app.close();
            }
        }
        System.out.printf("Crash test seed %d: %d bookings, %d payouts, %d transfers; log:%n%s%n", seed,
                bookings.size(), payouts.size(), everyTransfer.size(), String.join("\n", log));
    }

    private void start(List<String> args) {
        // Stripe remembers across our restarts: hand the simulators their state as soon as they exist, before
        // schedulers and processors start (a payout retry due at start-up must find the account and the
        // idempotency keys of its earlier attempts)
        app = StandaloneApp.start(args, context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof SimulatedStripe stripe && previousStripe != null) {
                    stripe.carryOver(previousStripe);
                } else if (bean instanceof SimulatedConnect connect && previousConnect != null) {
                    connect.carryOver(previousConnect);
                }
                return bean;
            }
        }));
        // Stripe keeps delivering what it had not delivered, to whichever instance answers now
        SimulatorWebhookDelivery payments = app.getBean(SimulatorWebhookDelivery.class);
        SimulatorWebhookDelivery connectDelivery = app.getBean(ConnectWebhookDelivery.class).delivery();
        undeliveredPayments.forEach(payments::publish);
        undeliveredConnect.forEach(connectDelivery::publish);
        log.add("started; redelivering " + undeliveredPayments.size() + " + " + undeliveredConnect.size()
                + " webhooks");
    }

    private void kill(int round) {
        int point = random.nextInt(4);
        String where;
        switch (point) {
            case 0 -> where = "at once";
            case 1 -> {
                long millis = random.nextInt(2500);
                sleep(millis);
                where = "after " + millis + " ms";
            }
            case 2 -> {
                // while a payout retry or an escrow release waits in the deadline table
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                long start = System.nanoTime();
                while (jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name NOT IN "
                        + "('stripe-webhook-inbox-sweep', 'idempotency-keys-purge', 'weekly-payouts')", Long.class) == 0
                        && System.nanoTime() - start < 5e9) {
                    sleep(50);
                }
                where = "with a deadline pending";
            }
            default -> {
                // with a request in flight: a booking, paid by card, mid-way
                Api customer = user("cust0", "CUSTOMER");
                String offering = offerings.get(random.nextInt(offerings.size()));
                long millis = random.nextInt(150);
                CompletableFuture.runAsync(() -> customer.post("/api/v1/bookings", bookingBody(offering, "pm_card_visa")));
                sleep(millis);
                where = "with a booking request in flight (" + millis + " ms)";
            }
        }
        SimulatorWebhookDelivery payments = app.getBean(SimulatorWebhookDelivery.class);
        SimulatorWebhookDelivery connectDelivery = app.getBean(ConnectWebhookDelivery.class).delivery();
        previousStripe = app.getBean(SimulatedStripe.class);
        previousConnect = app.getBean(SimulatedConnect.class);
        app.close();
        app = null;
        undeliveredPayments = payments.undelivered();
        undeliveredConnect = connectDelivery.undelivered();
        everyTransfer.clear();
        everyTransfer.addAll(previousConnect.transfers());
        log.add("kill " + round + " " + where + "; " + undeliveredPayments.size() + " + " + undeliveredConnect.size()
                + " webhooks undelivered");
    }

    private Api user(String id, String role) {
        return StandaloneApp.api(app, "crash_" + id, role);
    }

    private void setUp() {
        Api provider = user("prov", "PROVIDER");
        String account = provider.post("/api/v1/connect/account", Map.of("country", "US", "email", "p@example.com"))
                .json().path("accountId").asText();
        user("any", "CUSTOMER").post("/api/v1/dev/simulator/accounts/" + account + "/complete-onboarding");
        for (long price : new long[] {3000, 5000}) {
            offerings.add(provider.post("/api/v1/offerings", Map.of("title", "Session", "durationMinutes", 20,
                    "price", Map.of("amount", price, "currency", "usd"))).json().path("id").asText());
        }
        // some money to pay out from the start
        for (int i = 0; i < 3; i++) {
            book("setup" + i);
        }
        for (String booking : new ArrayList<>(bookings.keySet())) {
            user("admin", "ADMIN").post("/api/v1/admin/bookings/" + booking + "/release");
        }
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> jdbc.queryForList(
                "SELECT available FROM wallet_balances WHERE user_id = 'crash_prov'", Long.class).stream()
                .anyMatch(a -> a > 0));
    }

    private void book(String step) {
        String customer = "cust" + random.nextInt(3);
        String offering = offerings.get(random.nextInt(offerings.size()));
        Api.Response booked = user(customer, "CUSTOMER").post("/api/v1/bookings", bookingBody(offering, "pm_card_visa"));
        String id = booked.status() == 201 ? booked.json().path("id").asText() : booked.json().path("bookingId").asText(null);
        if (id != null) {
            bookings.put(id, customer);
        }
        log.add(step + " book -> " + booked.status() + " " + id);
    }

    private static Map<String, Object> bookingBody(String offering, String paymentMethod) {
        return Map.of("offeringId", offering, "paymentMethodId", paymentMethod, "scheduledAt",
                Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private void act(String step) {
        switch (random.nextInt(6)) {
            case 0, 1 -> book(step);
            case 2 -> {
                if (bookings.isEmpty()) {
                    book(step);
                    return;
                }
                List<String> ids = new ArrayList<>(bookings.keySet());
                String booking = ids.get(random.nextInt(ids.size()));
                int status = user(bookings.get(booking), "CUSTOMER").post("/api/v1/bookings/" + booking + "/cancel",
                        Map.of("reason", "crash test")).status();
                log.add(step + " cancel " + booking + " -> " + status);
            }
            case 3, 4 -> {
                SimulatedConnect connect = app.getBean(SimulatedConnect.class);
                int fault = random.nextInt(4);
                switch (fault) {
                    case 0 -> connect.refuseConnectionForNextTransfers(1);
                    case 1 -> connect.injectTransferFaults(GatewayFault.TIMEOUT_AFTER_SUCCESS, 1);
                    case 2 -> connect.injectTransferFaults(GatewayFault.SERVER_ERROR, 1);
                    default -> { }
                }
                Api.Response requested = user("prov", "PROVIDER").post("/api/v1/wallet/payouts",
                        Map.of("amount", Map.of("amount", 500 + 100 * random.nextInt(10), "currency", "usd")));
                if (requested.status() == 201) {
                    payouts.add(requested.json().path("id").asText());
                }
                log.add(step + " payout (fault " + fault + ") -> " + requested.status() + " "
                        + (requested.status() == 201 ? requested.json().path("id").asText() : requested.code()));
            }
            default -> {
                long millis = random.nextInt(2000);
                sleep(millis);
                log.add(step + " wait " + millis + " ms");
            }
        }
    }

    /** Lets the last instance finish everything: releases, refunds, payouts. */
    private void settle() {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        // a booking request in flight at a kill may have been created without our knowing its id
        jdbc.queryForList("SELECT id, customer_id FROM bookings").forEach(row ->
                bookings.putIfAbsent((String) row.get("id"), ((String) row.get("customer_id")).substring(6)));
        List<String> pending = new ArrayList<>();
        try {
            org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                pending.clear();
                pending.addAll(jdbc.queryForList("SELECT id || ' ' || status FROM bookings WHERE status NOT IN "
                        + "('RELEASED', 'REFUNDED', 'PAYMENT_FAILED', 'CANCELLED')", String.class));
                pending.addAll(jdbc.queryForList("SELECT id || ' ' || status FROM payouts WHERE status NOT IN "
                        + "('PAID', 'FAILED')", String.class));
                pending.addAll(jdbc.queryForList("SELECT event_id || ' ' || status FROM stripe_webhook_inbox WHERE "
                        + "status NOT IN ('PROCESSED', 'IGNORED')", String.class));
                return pending.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("flows did not complete after the restarts: " + pending, e);
        }
        everyTransfer.clear();
        everyTransfer.addAll(app.getBean(SimulatedConnect.class).transfers());
    }

    private void check() {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        SimulatedConnect connect = app.getBean(SimulatedConnect.class);
        List<String> violations = new ArrayList<>();
        // each escrow deadline fired (or the early release happened) once
        violations.addAll(jdbc.queryForList("SELECT aggregate_identifier || ' released ' || COUNT(*) || ' times' FROM "
                + "domain_event_entry WHERE payload_type LIKE '%$EscrowReleased' GROUP BY aggregate_identifier "
                + "HAVING COUNT(*) > 1", String.class));
        violations.addAll(jdbc.queryForList("SELECT id || ' RELEASED without EscrowReleased' FROM bookings b WHERE "
                + "status = 'RELEASED' AND NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.aggregate_identifier "
                + "= b.id AND e.payload_type LIKE '%$EscrowReleased')", String.class));
        violations.addAll(jdbc.queryForList("SELECT payload_type || ' ' || aggregate_identifier || ' x' || COUNT(*) "
                + "FROM domain_event_entry WHERE payload_type LIKE '%$EarningReleased' OR payload_type LIKE "
                + "'%$PayoutTransferred' OR payload_type LIKE '%$PayoutPaid' GROUP BY payload_type, aggregate_identifier, "
                + "convert_from(payload, 'UTF8')::jsonb ->> 'bookingId', convert_from(payload, 'UTF8')::jsonb ->> "
                + "'payoutId' HAVING COUNT(*) > 1", String.class));
        // no payout transferred twice; the paid ones exactly once; failed ones reversed
        List<String> reversed = connect.reversedTransfers();
        for (Map<String, Object> payout : jdbc.queryForList("SELECT id, status, amount FROM payouts")) {
            String id = (String) payout.get("id");
            List<Transfer> made = everyTransfer.stream().filter(t -> t.transferGroup().equals("payout:" + id)).toList();
            long kept = made.stream().filter(t -> !reversed.contains(t.id())).count();
            if (made.size() > 1 || kept != ("PAID".equals(payout.get("status")) ? 1 : 0)) {
                violations.add("payout " + payout + " transfers " + made + " reversed " + reversed);
            }
        }
        long paid = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM payouts WHERE status = 'PAID'", Long.class);
        long transferred = everyTransfer.stream().filter(t -> !reversed.contains(t.id())).mapToLong(Transfer::amount).sum();
        if (paid != transferred) {
            violations.add("paid payouts " + paid + " != transfers kept " + transferred);
        }
        // money exact
        violations.addAll(jdbc.queryForList("SELECT 'ledger ' || currency || ' off by ' || SUM(amount) FROM ledger_entries "
                + "GROUP BY currency HAVING SUM(amount) <> 0", String.class));
        violations.addAll(jdbc.queryForList("SELECT 'wallet ' || user_id || ' negative' FROM wallet_balances WHERE "
                + "pending < 0 OR available < 0 OR reserved_for_payout < 0", String.class));
        Map<String, Object> wallet = jdbc.queryForMap("SELECT * FROM wallet_balances WHERE user_id = 'crash_prov'");
        long availableInLedger = -jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE "
                + "account = 'provider:crash_prov:available'", Long.class);
        if (((Number) wallet.get("available")).longValue() != availableInLedger
                || ((Number) wallet.get("total_withdrawn")).longValue() != paid) {
            violations.add("provider wallet " + wallet + " vs ledger available " + availableInLedger + ", paid " + paid);
        }
        assertThat(violations).isEmpty();
        assertThat(payouts).as("the seed requested payouts").isNotEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
