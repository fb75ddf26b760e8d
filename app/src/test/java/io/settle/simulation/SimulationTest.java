package io.settle.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.admin.ProjectionsController;
import io.settle.app.audit.WalletHistory;
import io.settle.app.gateway.simulator.GatewayFault;
import io.settle.app.gateway.simulator.SimulatedStripe;
import io.settle.app.gateway.simulator.SimulatorWebhookDelivery;
import io.settle.app.gateway.simulator.connect.ConnectWebhookDelivery;
import io.settle.app.gateway.simulator.connect.SimulatedConnect;
import io.settle.saga.payout.ConnectGateway.Transfer;
import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A seeded simulation of the whole application (VOPR / Jepsen-bank style): for each seed, a
 * {@link Random} chooses a sequence of operations — card and credit bookings, credit purchases,
 * cancellations, disputes and their resolutions, session starts and completions, early releases, payout
 * requests and the payout batch, Connect account updates, gateway faults (5xx, 429, timeouts after
 * success) and webhooks duplicated, held, reordered and released late — and applies them one after the
 * other through the real HTTP API and the simulator's knobs, while escrow deadlines (a 2-second hold) and
 * retry deadlines fire in real time. Then the world is drained (faults cleared, held webhooks sent,
 * disputes resolved, deadlines waited for) and every money invariant is checked from the projections, the
 * event store and the simulator's own records. See docs/reliability.md.
 *
 * <p>{@code -Dsimulation.seed=N} runs exactly that seed; {@code -Dsimulation.seeds=N} runs seeds 1..N;
 * {@code -Dsimulation.ops=N} sets the operations per seed (default {@value #DEFAULT_OPS}).
 */
@TestPropertySource(properties = {
        "settle.escrow.hold-period=PT2S",
        "settle.refund.retry-base-delay=PT1S",
        "settle.payouts.retry-base-delay=PT1S",
        "settle.commission.default-bps=1000",
        "settle.payouts.minimum=5.00",
        "settle.webhooks.sweep-interval=PT1S",
        "settle.rate-limit.payments-per-minute=0"})
class SimulationTest extends IntegrationTest {

    static final long[] CI_SEEDS = {1, 7, 42};
    static final int DEFAULT_OPS = 60;
    private static final Duration DRAIN = Duration.ofSeconds(120);
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final List<String> TERMINAL = List.of("PAYMENT_FAILED", "RELEASED", "CANCELLED", "REFUNDED",
            "PARTIALLY_REFUNDED");

    @Autowired
    private SimulatorWebhookDelivery webhooks;
    @Autowired
    private ConnectWebhookDelivery connectWebhooks;
    @Autowired
    private SimulatedStripe stripe;
    @Autowired
    private SimulatedConnect connect;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ProjectionsController projections;
    @Autowired
    private WalletHistory walletHistory;

    @TestFactory
    Stream<DynamicTest> seeds() {
        String one = System.getProperty("simulation.seed");
        String many = System.getProperty("simulation.seeds");
        long[] seeds = one != null ? new long[] {Long.parseLong(one)}
                : many != null ? LongStream.rangeClosed(1, Long.parseLong(many)).toArray() : CI_SEEDS;
        int ops = Integer.getInteger("simulation.ops", DEFAULT_OPS);
        return LongStream.of(seeds).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> new Run(seed, ops).execute()));
    }

    /** One seed: its world (users, offerings), its operations and its op log. */
    private final class Run {

        final long seed;
        final int ops;
        final Random random;
        final String prefix;
        final List<String> log = new ArrayList<>();
        final List<String> providers = new ArrayList<>();
        final List<String> customers = new ArrayList<>();
        final Map<String, List<String[]>> offerings = new HashMap<>(); // provider -> [offeringId, price]
        final Map<String, String> accounts = new LinkedHashMap<>();    // provider -> Connect account
        final Map<String, String[]> bookings = new LinkedHashMap<>();  // booking -> [customer, provider]
        final List<String> payouts = new ArrayList<>();
        final Map<String, Api> apis = new HashMap<>();
        final Api admin;

        Run(long seed, int ops) {
            this.seed = seed;
            this.ops = ops;
            this.random = new Random(seed);
            this.prefix = "sim" + seed + "r" + RUN.incrementAndGet();
            this.admin = as(prefix + "_admin", "ADMIN");
        }

        void execute() {
            long started = System.nanoTime();
            try {
                setUp();
                for (int i = 0; i < ops; i++) {
                    step(i);
                }
                drain();
                checkInvariants();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("Simulation failed for seed " + seed + " (rerun: -Dsimulation.seed=" + seed
                        + " -Dsimulation.ops=" + ops + ")\n" + e.getMessage() + "\nOperation log:\n"
                        + String.join("\n", log), e);
            } finally {
                resetSimulator();
            }
            System.out.printf("Simulation seed %d: %d operations, %d bookings %s, %d payouts %s, %.1f s%n", seed, ops,
                    bookings.size(), tally("bookings", bookings.keySet()), payouts.size(), tally("payouts", payouts),
                    (System.nanoTime() - started) / 1e9);
            if (Boolean.getBoolean("simulation.verbose")) {
                System.out.println(String.join("\n", log));
            }
        }

        /** Final statuses, counted: what this seed exercised. */
        Map<String, Long> tally(String table, java.util.Collection<String> ids) {
            Map<String, Long> out = new java.util.TreeMap<>();
            for (String id : ids) {
                jdbc.queryForList("SELECT status FROM " + table + " WHERE id = ?", String.class, id)
                        .forEach(status -> out.merge(status, 1L, Long::sum));
            }
            return out;
        }

        Api user(String id, String role) {
            return apis.computeIfAbsent(id + "/" + role, k -> as(id, role));
        }

        // ---------------------------------------------------------------- world

        void setUp() {
            int providerCount = 2 + random.nextInt(2);
            for (int p = 0; p < providerCount; p++) {
                String provider = prefix + "_prov" + p;
                providers.add(provider);
                int offeringCount = 1 + random.nextInt(2);
                for (int o = 0; o < offeringCount; o++) {
                    long price = new long[] {1000, 2500, 3000, 4999, 12345}[random.nextInt(5)];
                    Api.Response created = user(provider, "PROVIDER").post("/api/v1/offerings", Map.of(
                            "title", "Session " + o, "durationMinutes", 20,
                            "price", Map.of("amount", price, "currency", "usd")));
                    assertThat(created.status()).as(created.toString()).isEqualTo(201);
                    offerings.computeIfAbsent(provider, k -> new ArrayList<>())
                            .add(new String[] {created.json().path("id").asText(), String.valueOf(price)});
                }
                // most providers onboard at once; the others may do it later (CONNECT_UPDATE)
                if (p == 0 || random.nextInt(3) > 0) {
                    connectAccount(provider, "enabled");
                }
            }
            int customerCount = 3 + random.nextInt(3);
            for (int c = 0; c < customerCount; c++) {
                customers.add(prefix + "_cust" + c);
            }
            log.add("world: providers=" + providers + " offerings=" + describeOfferings() + " customers="
                    + customers.size() + " accounts=" + accounts.keySet());
        }

        String describeOfferings() {
            StringBuilder out = new StringBuilder();
            offerings.forEach((p, list) -> list.forEach(o -> out.append(p.substring(prefix.length() + 1))
                    .append(':').append(o[1]).append(' ')));
            return out.toString().trim();
        }

        String connectAccount(String provider, String outcome) {
            String account = accounts.get(provider);
            if (account == null) {
                Api.Response created = user(provider, "PROVIDER").post("/api/v1/connect/account",
                        Map.of("country", "US", "email", "p@example.com"));
                assertThat(created.status()).as(created.toString()).isEqualTo(200);
                account = created.json().path("accountId").asText();
                accounts.put(provider, account);
            }
            Api.Response done = api().post("/api/v1/dev/simulator/accounts/" + account + "/complete-onboarding",
                    Map.of("outcome", outcome));
            assertThat(done.status()).as(done.toString()).isEqualTo(200);
            return account;
        }

        // ---------------------------------------------------------------- operations

        enum Op {
            BOOK_CARD(18), BOOK_DECLINED(3), BUY_CREDITS(5), BOOK_CREDITS(7), CANCEL(7), DISPUTE(6), RESOLVE(6),
            START(4), COMPLETE(5), EARLY_RELEASE(7), PAYOUT(10), PAYOUT_RUN(3), CONNECT_UPDATE(3),
            STRIPE_FAULT(5), TRANSFER_FAULT(4), BANK_FAILURE(2), WEBHOOK_COPIES(4), WEBHOOK_HOLD(4),
            WEBHOOK_RELEASE(4), TIME(6);

            final int weight;

            Op(int weight) {
                this.weight = weight;
            }
        }

        Op pick() {
            int total = 0;
            for (Op op : Op.values()) {
                total += op.weight;
            }
            int n = random.nextInt(total);
            for (Op op : Op.values()) {
                n -= op.weight;
                if (n < 0) {
                    return op;
                }
            }
            throw new IllegalStateException();
        }

        <T> T any(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        String anyBooking() {
            return bookings.isEmpty() ? null : any(new ArrayList<>(bookings.keySet()));
        }

        void step(int i) {
            Op op = pick();
            String entry = "#" + i + " " + op + " " + apply(op);
            log.add(entry);
        }

        String apply(Op op) {
            switch (op) {
                case BOOK_CARD, BOOK_DECLINED, BOOK_CREDITS -> {
                    String customer = any(customers);
                    String provider = any(providers);
                    String[] offering = any(offerings.get(provider));
                    Map<String, Object> body = new HashMap<>(Map.of("offeringId", offering[0], "scheduledAt",
                            Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS).toString()));
                    if (op == Op.BOOK_CREDITS) {
                        body.put("paymentSource", "credits");
                    } else {
                        body.put("paymentMethodId", op == Op.BOOK_CARD ? "pm_card_visa" : "pm_card_chargeDeclined");
                    }
                    Api.Response r = user(customer, "CUSTOMER").post("/api/v1/bookings", body);
                    String id = r.status() == 201 ? r.json().path("id").asText() : r.json().path("bookingId").asText(null);
                    if (id != null && !id.isEmpty()) {
                        bookings.put(id, new String[] {customer, provider});
                    }
                    return short_(customer) + " books " + offering[1] + " of " + short_(provider) + " -> " + r.status()
                            + " " + (id == null ? r.code() : id);
                }
                case BUY_CREDITS -> {
                    String customer = any(customers);
                    long amount = 1000 + 500L * random.nextInt(20);
                    Api.Response r = user(customer, "CUSTOMER").post("/api/v1/credits/purchases", Map.of(
                            "amount", Map.of("amount", amount, "currency", "usd"), "paymentMethodId", "pm_card_visa"));
                    return short_(customer) + " buys " + amount + " credits -> " + r.status();
                }
                case CANCEL -> {
                    String booking = anyBooking();
                    if (booking == null) {
                        return "(no booking)";
                    }
                    String[] parties = bookings.get(booking);
                    boolean byCustomer = random.nextBoolean();
                    Api.Response r = (byCustomer ? user(parties[0], "CUSTOMER") : user(parties[1], "PROVIDER"))
                            .post("/api/v1/bookings/" + booking + "/cancel", Map.of("reason", "simulated"));
                    return booking + " by " + (byCustomer ? "customer" : "provider") + " -> " + r.status();
                }
                case DISPUTE -> {
                    String booking = anyBooking();
                    if (booking == null) {
                        return "(no booking)";
                    }
                    Api.Response r = user(bookings.get(booking)[0], "CUSTOMER")
                            .post("/api/v1/bookings/" + booking + "/disputes", Map.of("reason", "simulated dispute"));
                    return booking + " -> " + r.status();
                }
                case RESOLVE -> {
                    String booking = anyBooking();
                    if (booking == null) {
                        return "(no booking)";
                    }
                    return booking + " " + resolve(booking);
                }
                case START, COMPLETE -> {
                    String booking = anyBooking();
                    if (booking == null) {
                        return "(no booking)";
                    }
                    Api.Response r = user(bookings.get(booking)[1], "PROVIDER").post("/api/v1/bookings/" + booking
                            + (op == Op.START ? "/start" : "/complete"));
                    return booking + " -> " + r.status();
                }
                case EARLY_RELEASE -> {
                    String booking = anyBooking();
                    if (booking == null) {
                        return "(no booking)";
                    }
                    return booking + " -> " + admin.post("/api/v1/admin/bookings/" + booking + "/release").status();
                }
                case PAYOUT -> {
                    String provider = any(providers);
                    boolean all = random.nextInt(3) > 0;
                    long amount = 500 + 100L * random.nextInt(40);
                    Api.Response r = user(provider, "PROVIDER").post("/api/v1/wallet/payouts", all ? Map.of()
                            : Map.of("amount", Map.of("amount", amount, "currency", "usd")));
                    if (r.status() == 201) {
                        payouts.add(r.json().path("id").asText());
                    }
                    return short_(provider) + " " + (all ? "all" : amount) + " -> " + r.status() + " "
                            + (r.status() == 201 ? r.json().path("id").asText() : r.code());
                }
                case PAYOUT_RUN -> {
                    Api.Response r = admin.post("/api/v1/admin/payouts/run");
                    return "-> " + r.status() + " " + r.body();
                }
                case CONNECT_UPDATE -> {
                    String provider = any(providers);
                    String outcome = random.nextInt(4) == 0 ? "restricted" : "enabled";
                    connectAccount(provider, outcome);
                    return short_(provider) + " " + outcome;
                }
                case STRIPE_FAULT -> {
                    GatewayFault fault = GatewayFault.values()[random.nextInt(GatewayFault.values().length)];
                    stripe.injectFaults(fault, 1);
                    return fault.name();
                }
                case TRANSFER_FAULT -> {
                    GatewayFault fault = GatewayFault.values()[random.nextInt(GatewayFault.values().length)];
                    connect.injectTransferFaults(fault, 1);
                    return fault.name();
                }
                case BANK_FAILURE -> {
                    connect.failNextPayouts(1);
                    return "next bank payout fails";
                }
                case WEBHOOK_COPIES -> {
                    int copies = 1 + random.nextInt(3);
                    webhooks.setCopies(copies);
                    connectWebhooks.delivery().setCopies(copies);
                    return "x" + copies;
                }
                case WEBHOOK_HOLD -> {
                    webhooks.hold();
                    connectWebhooks.delivery().hold();
                    return "holding";
                }
                case WEBHOOK_RELEASE -> {
                    long order = random.nextLong();
                    int held = webhooks.heldCount() + connectWebhooks.delivery().heldCount();
                    webhooks.release(order);
                    connectWebhooks.delivery().release(order);
                    return held + " held, shuffled by " + order;
                }
                case TIME -> {
                    long millis = 200 + random.nextInt(2300);
                    sleep(millis);
                    return millis + " ms";
                }
                default -> throw new IllegalStateException(op.name());
            }
        }

        String resolve(String booking) {
            int pick = random.nextInt(3);
            Api.Response r;
            String outcome;
            if (pick == 0) {
                outcome = "RELEASE";
                r = admin.post("/api/v1/admin/bookings/" + booking + "/resolution", Map.of("outcome", outcome));
            } else if (pick == 1) {
                outcome = "REFUND";
                r = admin.post("/api/v1/admin/bookings/" + booking + "/resolution", Map.of("outcome", outcome));
            } else {
                long amount = 1 + random.nextInt(1000);
                outcome = "PARTIAL_REFUND " + amount;
                r = admin.post("/api/v1/admin/bookings/" + booking + "/resolution", Map.of("outcome",
                        "PARTIAL_REFUND", "refundAmount", Map.of("amount", amount, "currency", "usd")));
            }
            return outcome + " -> " + r.status();
        }

        String short_(String id) {
            return id.substring(prefix.length() + 1);
        }

        // ---------------------------------------------------------------- drain

        void resetSimulator() {
            stripe.clearFaults();
            connect.clearFaults();
            webhooks.reset();
            connectWebhooks.delivery().reset();
        }

        /** Faults off, held webhooks out, disputes decided; then wait until nothing is in flight. */
        void drain() {
            resetSimulator();
            log.add("drain: faults cleared, held webhooks sent");
            long deadline = System.nanoTime() + DRAIN.toNanos();
            List<String> stuck = List.of("not checked yet");
            while (System.nanoTime() < deadline) {
                webhooks.awaitIdle(DRAIN);
                connectWebhooks.awaitIdle(DRAIN);
                for (Map.Entry<String, String> disputed : statuses("DISPUTED").entrySet()) {
                    log.add("drain: resolve " + disputed.getKey() + " " + resolve(disputed.getKey()));
                }
                stuck = inFlight();
                if (stuck.isEmpty()) {
                    sleep(500); // still quiet half a second later: nothing was about to happen
                    stuck = inFlight();
                    if (stuck.isEmpty()) {
                        return;
                    }
                }
                sleep(300);
            }
            throw new AssertionError("not quiescent after " + DRAIN + ": " + stuck);
        }

        Map<String, String> statuses(String only) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String booking : bookings.keySet()) {
                List<String> status = jdbc.queryForList("SELECT status FROM bookings WHERE id = ?", String.class,
                        booking);
                String s = status.isEmpty() ? "MISSING" : status.get(0);
                if (only == null || only.equals(s)) {
                    out.put(booking, s);
                }
            }
            return out;
        }

        /** What is still moving: bookings and payouts not settled, webhooks not processed, projections behind. */
        List<String> inFlight() {
            List<String> moving = new ArrayList<>();
            statuses(null).forEach((booking, status) -> {
                if (!TERMINAL.contains(status) && !refundGivenUp(booking, status)) {
                    moving.add(booking + " " + status);
                }
            });
            for (String payout : payouts) {
                List<String> status = jdbc.queryForList("SELECT status FROM payouts WHERE id = ?", String.class,
                        payout);
                if (status.isEmpty() || !List.of("PAID", "FAILED").contains(status.get(0))) {
                    moving.add(payout + " " + status);
                }
            }
            moving.addAll(jdbc.queryForList("SELECT event_id || ' ' || type || ' ' || status FROM stripe_webhook_inbox "
                    + "WHERE status IN ('RECEIVED', 'PROCESSING', 'RETRY')", String.class));
            if (webhooks.heldCount() + connectWebhooks.delivery().heldCount() > 0) {
                moving.add("held webhooks");
            }
            for (ProjectionsController.ProcessorStatus processor : projections.list()) {
                if (!processor.caughtUp() || processor.error()) {
                    moving.add("processor " + processor);
                }
            }
            return moving;
        }

        /** A refund that failed its last attempt waits for an operator, who has been alerted: legitimately open. */
        boolean refundGivenUp(String booking, String status) {
            return "REFUND_PENDING".equals(status) && jdbc.queryForObject(
                    "SELECT COUNT(*) FROM admin_alerts WHERE reference = ?", Long.class, booking) > 0;
        }

        // ---------------------------------------------------------------- invariants

        void checkInvariants() {
            List<String> violations = new ArrayList<>();

            // 1. the ledger sums to zero per currency, and every posting (one event's lines) balances
            violations.addAll(jdbc.queryForList("SELECT 'ledger unbalanced in ' || currency || ': ' || SUM(amount) "
                    + "FROM ledger_entries GROUP BY currency HAVING SUM(amount) <> 0", String.class));
            violations.addAll(jdbc.queryForList("SELECT 'posting ' || event_id || ' unbalanced: ' || SUM(amount) "
                    + "FROM ledger_entries GROUP BY event_id HAVING SUM(amount) <> 0", String.class));
            violations.addAll(jdbc.queryForList("SELECT 'open escrow ' || account || ': ' || SUM(amount) FROM "
                    + "ledger_entries WHERE account LIKE 'escrow:%' AND booking_id IN (SELECT id FROM bookings WHERE "
                    + "status IN ('RELEASED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'CANCELLED', 'PAYMENT_FAILED')) "
                    + "GROUP BY account HAVING SUM(amount) <> 0", String.class));

            // 2. no negative balance (this branch records no post-release refunds that could explain one)
            violations.addAll(jdbc.queryForList("SELECT 'negative balance of ' || user_id || ': pending ' || pending "
                    + "|| ' available ' || available || ' reserved ' || reserved_for_payout || ' credits ' || credits "
                    + "FROM wallet_balances WHERE pending < 0 OR available < 0 OR reserved_for_payout < 0 OR credits < 0",
                    String.class));
            JsonNode check = admin.get("/api/v1/admin/ledger/check").json();
            if (!check.path("balanced").asBoolean() || !check.path("negativeAvailable").isEmpty()) {
                violations.add("admin ledger check: " + check);
            }

            // 3. every wallet equals the sum of its ledger entries, and the fold of its events
            for (Map<String, Object> w : jdbc.queryForList("SELECT * FROM wallet_balances WHERE user_id LIKE ?",
                    prefix + "\\_%")) {
                String userId = (String) w.get("user_id");
                long pending = ledger("provider:" + userId + ":pending");
                long available = ledger("provider:" + userId + ":available");
                long reserved = ledger("provider:" + userId + ":payout-in-transit");
                long credits = ledger("customer:" + userId + ":credits");
                long[] projected = {num(w, "pending"), num(w, "available"), num(w, "reserved_for_payout"),
                        num(w, "credits")};
                if (projected[0] != pending || projected[1] != available || projected[2] != reserved
                        || projected[3] != credits) {
                    violations.add("wallet " + userId + " " + List.of(projected[0], projected[1], projected[2],
                            projected[3]) + " != ledger " + List.of(pending, available, reserved, credits));
                }
                for (WalletHistory.WalletAsOf folded : walletHistory.asOf(userId, Instant.now().plusSeconds(1))) {
                    if (folded.pending() != projected[0] || folded.available() != projected[1]
                            || folded.reservedForPayout() != projected[2] || folded.credits() != projected[3]
                            || folded.totalEarned() != num(w, "total_earned")
                            || folded.totalWithdrawn() != num(w, "total_withdrawn")) {
                        violations.add("wallet " + userId + " projection " + w + " != events " + folded);
                    }
                }
            }

            // 4. each Stripe event id is applied at most once: no event type twice per aggregate and Stripe event,
            // and the facts that happen once per booking or wallet reference happened at most once
            violations.addAll(jdbc.queryForList("""
                    SELECT 'stripe event ' || sid || ' applied ' || n || ' times to ' || aggregate_identifier || ' as ' || payload_type
                    FROM (SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'stripeEventId' AS sid, aggregate_identifier,
                                 payload_type, COUNT(*) AS n
                          FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8')::jsonb ? 'stripeEventId'
                          GROUP BY 1, 2, 3) t WHERE n > 1""", String.class));
            violations.addAll(jdbc.queryForList("""
                    SELECT payload_type || ' ' || ref || ' happened ' || n || ' times on ' || aggregate_identifier
                    FROM (SELECT payload_type, aggregate_identifier,
                                 COALESCE(convert_from(payload, 'UTF8')::jsonb ->> 'bookingId',
                                          convert_from(payload, 'UTF8')::jsonb ->> 'purchaseId',
                                          convert_from(payload, 'UTF8')::jsonb ->> 'payoutId') AS ref, COUNT(*) AS n
                          FROM domain_event_entry
                          WHERE payload_type LIKE '%$PaymentCaptured' OR payload_type LIKE '%$FundsHeld'
                             OR payload_type LIKE '%$EscrowReleased' OR payload_type LIKE '%$EarningPending'
                             OR payload_type LIKE '%$EarningReleased' OR payload_type LIKE '%$CreditsAdded'
                             OR payload_type LIKE '%$CreditsSpent' OR payload_type LIKE '%$PayoutTransferred'
                             OR payload_type LIKE '%$PayoutPaid' OR payload_type LIKE '%$PayoutFailed'
                          GROUP BY 1, 2, 3) t WHERE n > 1""", String.class));

            // 5. every booking is in exactly one terminal state, or legitimately waits (a refund given up on)
            statuses(null).forEach((booking, status) -> {
                if (!TERMINAL.contains(status) && !refundGivenUp(booking, status)) {
                    violations.add("booking " + booking + " left in " + status);
                }
            });

            // 6. what a provider received never exceeds what was captured minus commission (and refunds)
            Map<String, Long> releasedByProvider = new HashMap<>();
            for (String booking : bookings.keySet()) {
                Map<String, Object> b = jdbc.queryForMap("SELECT * FROM bookings WHERE id = ?", booking);
                long captured = captured(b);
                long credited = ledgerCredit(booking);
                long refunded = num(b, "refunded_amount");
                // a partial refund recomputes fee and share on what is left: share + fee + refunded = amount
                boolean settledSplit = !List.of("RELEASED", "PARTIALLY_REFUNDED").contains(b.get("status"))
                        || num(b, "provider_amount") + num(b, "platform_fee") + refunded == num(b, "amount");
                if (credited > Math.max(0, captured - num(b, "platform_fee")) || credited + refunded > captured
                        || !settledSplit) {
                    violations.add("booking " + booking + " " + b.get("status") + " amount " + b.get("amount")
                            + " captured " + captured + " fee " + b.get("platform_fee") + " share " + b.get("provider_amount")
                            + " refunded " + refunded + " but provider credited " + credited);
                }
                releasedByProvider.merge((String) b.get("provider_id"), credited, Long::sum);
            }

            // 7. the simulator's transfers are exactly the paid payouts, none twice; failed ones were reversed
            List<String> reversed = connect.reversedTransfers();
            for (String provider : providers) {
                String account = accounts.get(provider);
                long transferred = account == null ? 0 : connect.transfers().stream()
                        .filter(t -> t.destination().equals(account) && !reversed.contains(t.id()))
                        .mapToLong(Transfer::amount).sum();
                long earned = releasedByProvider.getOrDefault(provider, 0L);
                if (transferred > earned) {
                    violations.add(provider + " received transfers of " + transferred + " but earned " + earned);
                }
                List<Long> withdrawn = jdbc.queryForList("SELECT total_withdrawn FROM wallet_balances WHERE user_id = ?",
                        Long.class, provider);
                long paid = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM payouts WHERE user_id = ? "
                        + "AND status = 'PAID'", Long.class, provider);
                if (transferred != paid || (withdrawn.isEmpty() ? 0 : withdrawn.get(0)) != paid) {
                    violations.add(provider + ": transfers " + transferred + ", paid payouts " + paid
                            + ", total withdrawn " + withdrawn);
                }
            }
            for (String payout : payouts) {
                Map<String, Object> p = jdbc.queryForMap("SELECT * FROM payouts WHERE id = ?", payout);
                List<Transfer> made = connect.transfersInGroup("payout:" + payout);
                List<Transfer> kept = made.stream().filter(t -> !reversed.contains(t.id())).toList();
                boolean paid = "PAID".equals(p.get("status"));
                if (made.size() > 1 || kept.size() != (paid ? 1 : 0)
                        || (paid && kept.get(0).amount() != num(p, "amount"))) {
                    violations.add("payout " + payout + " " + p.get("status") + " " + p.get("amount") + ": transfers "
                            + made + ", reversed " + reversed);
                }
            }

            // 8. no money lost between Stripe and the ledger: what Stripe holds for the platform (charges minus
            // refunds minus transfers kept) is what the ledger's clearing account says
            long keptTransfers = connect.transfers().stream().filter(t -> !reversed.contains(t.id()))
                    .mapToLong(Transfer::amount).sum();
            long atStripe = stripe.netCharged("usd") - keptTransfers;
            long clearing = -ledger("stripe:clearing");
            if (atStripe != clearing) {
                violations.add("Stripe holds " + atStripe + " (charges net of refunds " + stripe.netCharged("usd")
                        + ", transfers " + keptTransfers + ") but the ledger's stripe:clearing says " + clearing);
            }

            // webhooks: everything delivered was processed, nothing failed
            violations.addAll(jdbc.queryForList("SELECT 'webhook ' || event_id || ' ' || type || ' ' || status || ': ' "
                    + "|| COALESCE(last_error, '') FROM stripe_webhook_inbox WHERE status NOT IN ('PROCESSED', 'IGNORED')",
                    String.class));

            assertThat(violations).as("invariants").isEmpty();
        }

        long captured(Map<String, Object> booking) {
            if ("CREDITS".equals(booking.get("payment_source"))) {
                return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%$PaymentCaptured'", Long.class, booking.get("id")) > 0
                        ? num(booking, "amount") : 0;
            }
            String intent = (String) booking.get("payment_intent_id");
            if (intent == null) {
                return 0;
            }
            return stripe.retrievePaymentIntent(intent).map(pi -> pi.path("amount_received").asLong()).orElse(0L);
        }

        long ledger(String account) {
            return -jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account = ?",
                    Long.class, account);
        }

        /** What the booking put on its provider's available balance. */
        long ledgerCredit(String booking) {
            return -jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE booking_id = ? "
                    + "AND account LIKE 'provider:%:available'", Long.class, booking);
        }
    }

    private static long num(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
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
