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
    /**
     * Settled states. {@code CHARGED_BACK} (a lost Stripe dispute) is terminal; {@code DISPUTED} never is: the
     * drain closes every Stripe dispute and resolves every customer dispute, so a booking left DISPUTED means
     * the drain failed. A {@code RELEASED} booking can still be refunded by an admin or charged back, but
     * nothing moves unless someone acts.
     */
    private static final List<String> TERMINAL = List.of("PAYMENT_FAILED", "RELEASED", "CANCELLED", "REFUNDED",
            "PARTIALLY_REFUNDED", "CHARGED_BACK");
    private static final List<String> STRIPE_DISPUTE_OPEN = List.of("needs_response", "under_review",
            "warning_needs_response", "warning_under_review");

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
        final Map<String, String> stripeDisputes = new LinkedHashMap<>(); // charge -> booking, disputed at Stripe
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
            System.out.printf("Simulation seed %d: %d operations, %d bookings %s, %d payouts %s, %d Stripe disputes %s, "
                    + "%d reclaims (%d into debt), %.1f s%n", seed, ops, bookings.size(),
                    tally("bookings", bookings.keySet()), payouts.size(), tally("payouts", payouts),
                    stripeDisputes.size(), disputeOutcomes(), reclaims(false), reclaims(true),
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

        Map<String, Long> disputeOutcomes() {
            Map<String, Long> out = new java.util.TreeMap<>();
            stripeDisputes.keySet().forEach(charge -> out.merge(stripe.disputeStatus(charge).orElse("?"), 1L, Long::sum));
            return out;
        }

        /** EarningReclaimed events of this run's providers (refunds after release, chargebacks), or those with debt. */
        long reclaims(boolean intoDebt) {
            return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE '%$EarningReclaimed' "
                    + "AND convert_from(payload, 'UTF8')::jsonb ->> 'userId' LIKE ? AND (NOT ? OR "
                    + "(convert_from(payload, 'UTF8')::jsonb -> 'toDebt' ->> 'amount')::bigint > 0)", Long.class,
                    prefix + "\\_%", intoDebt);
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
            WEBHOOK_RELEASE(4), TIME(6), ADMIN_REFUND_AFTER_RELEASE(5), CHARGEBACK_OPEN(4), CHARGEBACK_CLOSE(4);

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
                case ADMIN_REFUND_AFTER_RELEASE -> {
                    String booking = anyBooking();
                    if (booking == null) {
                        return "(no booking)";
                    }
                    boolean full = random.nextBoolean();
                    long amount = 1 + random.nextInt(3000);
                    Api.Response r = admin.post("/api/v1/admin/bookings/" + booking + "/refund", full
                            ? Map.of("reason", "simulated refund after release")
                            : Map.of("amount", Map.of("amount", amount, "currency", "usd"),
                                    "reason", "simulated partial refund after release"));
                    return booking + " " + (full ? "all" : amount) + " -> " + r.status() + " " + r.code();
                }
                case CHARGEBACK_OPEN -> {
                    List<String> card = new ArrayList<>();
                    for (String booking : bookings.keySet()) {
                        if (chargeOf(booking) != null) {
                            card.add(booking);
                        }
                    }
                    if (card.isEmpty()) {
                        return "(no card booking with a charge)";
                    }
                    String booking = any(card);
                    String charge = chargeOf(booking);
                    boolean whole = random.nextInt(3) > 0;
                    boolean inquiry = random.nextInt(5) == 0;
                    long amount = 1 + random.nextInt(Math.toIntExact(chargeAmount(charge, booking)));
                    Map<String, Object> body = new HashMap<>(Map.of("reason", "fraudulent", "inquiry", inquiry));
                    if (!whole) {
                        body.put("amount", amount);
                    }
                    Api.Response r = api().post("/api/v1/dev/simulator/charges/" + charge + "/dispute", body);
                    if (stripe.disputeStatus(charge).isPresent()) { // whatever the answer: Stripe's record decides
                        stripeDisputes.putIfAbsent(charge, booking);
                    }
                    return booking + " charge " + charge + " " + (whole ? "unrefunded" : amount)
                            + (inquiry ? " inquiry" : "") + " -> " + r.status() + " " + r.json().path("status").asText("");
                }
                case CHARGEBACK_CLOSE -> {
                    List<String> open = openStripeDisputes();
                    if (open.isEmpty()) {
                        return "(no open Stripe dispute)";
                    }
                    String charge = any(open);
                    return stripeDisputes.get(charge) + " " + closeStripeDispute(charge);
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

        /** The charge of a card booking's payment intent, at the simulator; null without one. */
        String chargeOf(String booking) {
            List<String> intent = jdbc.queryForList("SELECT payment_intent_id FROM bookings WHERE id = ? "
                    + "AND payment_source = 'CARD' AND payment_intent_id IS NOT NULL", String.class, booking);
            if (intent.isEmpty()) {
                return null;
            }
            String charge = stripe.retrievePaymentIntent(intent.get(0)).map(pi -> pi.path("latest_charge").asText(""))
                    .orElse("");
            return charge.isEmpty() ? null : charge;
        }

        long chargeAmount(String charge, String booking) {
            return num(jdbc.queryForMap("SELECT amount FROM bookings WHERE id = ?", booking), "amount");
        }

        /** Stripe disputes this run opened that the bank has not decided yet. */
        List<String> openStripeDisputes() {
            return stripeDisputes.keySet().stream()
                    .filter(charge -> stripe.disputeStatus(charge).map(STRIPE_DISPUTE_OPEN::contains).orElse(false))
                    .toList();
        }

        /** The bank decides by seed: won or lost (an inquiry may also close as a warning). */
        String closeStripeDispute(String charge) {
            boolean inquiry = stripe.disputeStatus(charge).orElse("").startsWith("warning_");
            String outcome = inquiry && random.nextInt(3) == 0 ? "warning_closed"
                    : random.nextBoolean() ? "won" : "lost";
            Api.Response r = api().post("/api/v1/dev/simulator/charges/" + charge + "/dispute/close",
                    Map.of("status", outcome));
            return "charge " + charge + " " + outcome + " -> " + r.status();
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
                // the bank decides every Stripe dispute first: while one is open the admin cannot resolve
                for (String charge : openStripeDisputes()) {
                    log.add("drain: Stripe dispute of " + stripeDisputes.get(charge) + " " + closeStripeDispute(charge));
                }
                webhooks.awaitIdle(DRAIN);
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
            openStripeDisputes().forEach(charge -> moving.add("Stripe dispute open on " + charge));
            for (String booking : stripeDisputes.values()) {
                jdbc.queryForList("SELECT stripe_dispute_status FROM bookings WHERE id = ?", String.class, booking)
                        .stream().filter(STRIPE_DISPUTE_OPEN::contains)
                        .forEach(status -> moving.add(booking + " Stripe dispute " + status));
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
                    + "status IN ('RELEASED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'CANCELLED', 'PAYMENT_FAILED', "
                    + "'CHARGED_BACK')) "
                    + "GROUP BY account HAVING SUM(amount) <> 0", String.class));

            // 2. no negative balance: pending, available, reserved and credits never go below zero (what a
            // reclaim after release cannot take from available is recorded apart, as debt); debt is never
            // negative, and a debt is explained by recorded reclaims: the uncovered parts (EarningReclaimed.toDebt)
            // of the provider's reclaims add up to at least what they owe
            violations.addAll(jdbc.queryForList("SELECT 'negative balance of ' || user_id || ': pending ' || pending "
                    + "|| ' available ' || available || ' reserved ' || reserved_for_payout || ' credits ' || credits "
                    + "|| ' debt ' || debt FROM wallet_balances WHERE pending < 0 OR available < 0 "
                    + "OR reserved_for_payout < 0 OR credits < 0 OR debt < 0", String.class));
            for (Map<String, Object> w : jdbc.queryForList("SELECT user_id, debt FROM wallet_balances WHERE debt > 0")) {
                long uncovered = jdbc.queryForObject("""
                        SELECT COALESCE(SUM((convert_from(payload, 'UTF8')::jsonb -> 'toDebt' ->> 'amount')::bigint), 0)
                        FROM domain_event_entry WHERE payload_type LIKE '%$EarningReclaimed'
                          AND convert_from(payload, 'UTF8')::jsonb ->> 'userId' = ?""", Long.class, w.get("user_id"));
                if (uncovered < num(w, "debt")) {
                    violations.add("debt of " + w.get("user_id") + " is " + w.get("debt") + " but its reclaims left only "
                            + uncovered + " uncovered");
                }
            }
            JsonNode check = admin.get("/api/v1/admin/ledger/check").json();
            if (!check.path("balanced").asBoolean() || !check.path("negativeAvailable").isEmpty()) {
                violations.add("admin ledger check: " + check);
            }
            Map<String, Long> ledgerDebts = new java.util.TreeMap<>();
            check.path("providerDebts").forEach(d -> ledgerDebts.put(d.path("account").asText() + " "
                    + d.path("currency").asText().toLowerCase(), d.path("amount").asLong()));
            Map<String, Long> projectedDebts = new java.util.TreeMap<>();
            jdbc.queryForList("SELECT user_id, currency, debt FROM wallet_balances WHERE debt <> 0").forEach(w ->
                    projectedDebts.put("provider:" + w.get("user_id") + ":receivable "
                            + w.get("currency").toString().trim().toLowerCase(), num(w, "debt")));
            if (!ledgerDebts.equals(projectedDebts)) {
                violations.add("admin ledger check's providerDebts " + ledgerDebts + " != projected debts "
                        + projectedDebts);
            }

            // 3. every wallet equals the sum of its ledger entries, and the fold of its events
            for (Map<String, Object> w : jdbc.queryForList("SELECT * FROM wallet_balances WHERE user_id LIKE ?",
                    prefix + "\\_%")) {
                String userId = (String) w.get("user_id");
                long pending = ledger("provider:" + userId + ":pending");
                long available = ledger("provider:" + userId + ":available");
                long reserved = ledger("provider:" + userId + ":payout-in-transit");
                long credits = ledger("customer:" + userId + ":credits");
                // the receivable is an asset of the platform (a debit balance, positive amounts), where the other
                // wallet accounts are what the platform owes (credit balances): debt is its plain sum
                long debt = -ledger("provider:" + userId + ":receivable");
                long[] projected = {num(w, "pending"), num(w, "available"), num(w, "reserved_for_payout"),
                        num(w, "credits"), num(w, "debt")};
                if (projected[0] != pending || projected[1] != available || projected[2] != reserved
                        || projected[3] != credits || projected[4] != debt) {
                    violations.add("wallet " + userId + " " + List.of(projected[0], projected[1], projected[2],
                            projected[3], projected[4]) + " != ledger " + List.of(pending, available, reserved, credits,
                            debt));
                }
                for (WalletHistory.WalletAsOf folded : walletHistory.asOf(userId, Instant.now().plusSeconds(1))) {
                    if (folded.pending() != projected[0] || folded.available() != projected[1]
                            || folded.reservedForPayout() != projected[2] || folded.credits() != projected[3]
                            || folded.debt() != projected[4]
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

            // 5. every booking is in exactly one terminal state (CHARGED_BACK included), or legitimately waits (a
            // refund given up on); DISPUTED is not terminal, the drain closed and resolved every dispute
            statuses(null).forEach((booking, status) -> {
                if (!TERMINAL.contains(status) && !refundGivenUp(booking, status)) {
                    violations.add("booking " + booking + " left in " + status);
                }
            });

            // 6. what a provider kept of a booking (credited net of reclaims) never exceeds what was captured
            // minus the commission kept, the refunds and the chargeback paid to the customer; and credited +
            // refunded + the chargeback paid out of the booking's escrow never exceeds what was captured
            Map<String, Long> releasedByProvider = new HashMap<>();
            for (String booking : bookings.keySet()) {
                Map<String, Object> b = jdbc.queryForMap("SELECT * FROM bookings WHERE id = ?", booking);
                long captured = captured(b);
                long credited = ledgerCredit(booking);
                long refunded = num(b, "refunded_amount");
                long lost = chargeback(booking, "stripe:%");
                long lostFromEscrow = chargeback(booking, "escrow:%");
                long feeKept = -jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE "
                        + "booking_id = ? AND account = 'platform:revenue'", Long.class, booking);
                if (credited > Math.max(0, captured - feeKept - refunded - lost)
                        || credited + refunded + lostFromEscrow > captured) {
                    violations.add("booking " + booking + " " + b.get("status") + " captured " + captured + " fee kept "
                            + feeKept + " refunded " + refunded + " charged back " + lost + " (" + lostFromEscrow
                            + " from escrow) but provider credited " + credited);
                }
                // a partial refund recomputes fee and share on what is left, and so does a lost Stripe dispute on
                // part of held money (the undisputed rest is released and the booking ends RELEASED, in the
                // aggregate as in the view): share + fee + refunded + charged back from escrow = amount
                boolean settledSplit = !List.of("RELEASED", "PARTIALLY_REFUNDED").contains(b.get("status"))
                        || num(b, "provider_amount") + num(b, "platform_fee") + refunded + lostFromEscrow
                        == num(b, "amount");
                if (!settledSplit) {
                    violations.add("booking " + booking + " " + b.get("status") + " amount " + b.get("amount")
                            + " fee " + b.get("platform_fee") + " share " + b.get("provider_amount") + " refunded "
                            + refunded + " charged back from escrow " + lostFromEscrow + ": the split does not add up");
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
                // a reclaim after a payout leaves the provider owing: what was paid beyond what they kept of
                // their bookings is exactly what can be owed, so transfers never exceed earnings plus debt
                long owed = jdbc.queryForList("SELECT debt FROM wallet_balances WHERE user_id = ?", Long.class, provider)
                        .stream().mapToLong(Long::longValue).sum();
                if (transferred > earned + owed) {
                    violations.add(provider + " received transfers of " + transferred + " but earned " + earned
                            + " and owes " + owed);
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
            // refunds minus what disputes withdrew and kept, minus transfers kept) is what the ledger's clearing
            // account says; and what Stripe holds back for disputes still open is the ledger's stripe:disputes
            long keptTransfers = connect.transfers().stream().filter(t -> !reversed.contains(t.id()))
                    .mapToLong(Transfer::amount).sum();
            long withdrawn = stripe.disputeWithdrawn("usd");
            long atStripe = stripe.netCharged("usd") - withdrawn - keptTransfers;
            long clearing = -ledger("stripe:clearing");
            if (atStripe != clearing) {
                violations.add("Stripe holds " + atStripe + " (charges net of refunds " + stripe.netCharged("usd")
                        + ", withdrawn by disputes " + withdrawn + ", transfers " + keptTransfers
                        + ") but the ledger's stripe:clearing says " + clearing);
            }
            // every dispute is closed after the drain, so Stripe holds nothing back and stripe:disputes is empty
            long heldForDisputes = ledger("stripe:disputes");
            if (heldForDisputes != 0) {
                violations.add("stripe:disputes still holds " + heldForDisputes + " after every dispute closed");
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

        /**
         * What the booking put on its provider's available balance, net of reclaims: a reclaim takes from
         * available and records the rest on the receivable (debit), both with the booking's id.
         */
        long ledgerCredit(String booking) {
            return -jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE booking_id = ? "
                    + "AND (account LIKE 'provider:%:available' OR account LIKE 'provider:%:receivable')", Long.class,
                    booking);
        }

        /** A lost dispute's chargeback of the booking: paid by Stripe's side ({@code stripe:%}) or from escrow. */
        long chargeback(String booking, String accounts) {
            long sum = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE booking_id = ? "
                    + "AND entry_type = 'CHARGEBACK' AND account LIKE ?", Long.class, booking, accounts);
            return Math.abs(sum);
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
