package io.settle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The benchmark: starts the app jar as its own process on a fresh embedded PostgreSQL (or
 * {@code SETTLE_BENCH_DATABASE_URL}), measures the database's ceiling, runs the scenarios of
 * docs/benchmarks.md and prints one Markdown table, also written to {@code bench/results/}.
 * <p>
 * Options: {@code --app-jar PATH} (required), {@code --quick} (short phases, 100,000 replay events: for
 * development), {@code --events N} (replay events, default 1,000,000), {@code --jfr} (record the app with JFR
 * into bench/target/run/app.jfr, the restart into app-restart.jfr), {@code --label TEXT} (a note in the results file),
 * {@code --no-cds} (start the app without the class-data sharing archive that a training start writes first).
 */
public final class Bench {

    private static final String WEBHOOK_SECRET = "whsec_bench_0123456789abcdef0123456789abcdef";
    private static final int HTTP_PORT = 18080;
    private static final int PG_PORT = 54339;
    private static final int PROVIDERS = 8;
    private static final int CUSTOMERS = 64;
    private static final Duration HOLD = Duration.ofSeconds(3);

    private final Map<String, String> options;
    private final boolean quick;
    private final Duration warmup;
    private final Duration measure;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Http http;
    private AppProcess running;
    private Path postmasterPid;
    private LoadPlan load;
    private Path gatlingResults;
    /** What the bench sets in the app process's environment (the rest it inherits). */
    private Map<String, String> appEnvironment = Map.of();
    private Ceiling db;
    private String admin;
    private final List<String> customers = new ArrayList<>();
    private final List<String> providers = new ArrayList<>();
    private final List<String> offerings = new ArrayList<>();
    private final Map<Integer, Load.Result> insertCeilings = new LinkedHashMap<>();
    /** The app's GC log (its pauses, {@link GcPauses}) and the load driver's own collections. */
    private Path appGcLog;
    private final List<GcPauses.Pause> driverPauses = GcPauses.recordThisJvm();

    private Bench(Map<String, String> options) {
        this.options = options;
        this.quick = options.containsKey("quick");
        this.warmup = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        this.measure = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(20);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(key, flag ? "true" : args[++i]);
        }
        try {
            new Bench(options).run();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // a library's non-daemon thread (one scheduled pool outlived a full run) must not keep the bench alive
        System.exit(0);
    }

    private void run() throws Exception {
        long benchStarted = System.nanoTime();
        Path jar = Path.of(require("app-jar"));
        Path work = Path.of(options.getOrDefault("work-dir", "bench/target/run"));
        deleteRecursively(work);
        Files.createDirectories(work);
        Path log = work.resolve("app.log");

        String externalUrl = System.getenv("SETTLE_BENCH_DATABASE_URL");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(HTTP_PORT));
        env.put("SETTLE_DATA_DIR", work.resolve("data").toAbsolutePath().toString());
        postmasterPid = work.resolve("data").resolve("pgdata").resolve("postmaster.pid");
        env.put("SETTLE_EMBEDDED_POSTGRES_PORT", String.valueOf(PG_PORT));
        env.put("SETTLE_RATE_LIMIT_PAYMENTS_PER_MINUTE", "0");
        env.put("SETTLE_RATE_LIMIT_DEV_TOKENS_PER_MINUTE", "0");
        env.put("SETTLE_RATE_LIMIT_WEBHOOKS_PER_MINUTE", "0");
        env.put("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("SETTLE_ESCROW_HOLD_PERIOD", HOLD.toString());
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // glibc gives each thread that allocates its own malloc arena (up to 8 per core); the JVM's native
        // allocations then spread over dozens of them. docs/operations.md recommends 2 for deployments too.
        env.put("MALLOC_ARENA_MAX", mallocArenaMax());
        appEnvironment = env;
        String dbUrl;
        String dbUser;
        String dbPassword;
        if (externalUrl != null && !externalUrl.isBlank()) {
            dbUrl = externalUrl;
            dbUser = System.getenv().getOrDefault("SETTLE_BENCH_DATABASE_USERNAME", "postgres");
            dbPassword = System.getenv().getOrDefault("SETTLE_BENCH_DATABASE_PASSWORD", "");
            env.put("SPRING_DATASOURCE_URL", dbUrl);
            env.put("SPRING_DATASOURCE_USERNAME", dbUser);
            env.put("SPRING_DATASOURCE_PASSWORD", dbPassword);
            env.put("SETTLE_DEV_ENDPOINTS", "true");
            env.put("SETTLE_JWT_SECRET", "bench-only-secret-bench-only-secret-0123456789");
        } else {
            dbUrl = "jdbc:postgresql://localhost:" + PG_PORT + "/postgres";
            dbUser = "postgres";
            dbPassword = "";
        }
        List<String> javaOptions = new ArrayList<>();
        String javaOpts = System.getenv("SETTLE_BENCH_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            javaOptions.addAll(List.of(javaOpts.trim().split("\\s+")));
        }
        javaOptions.add("-Daxoniq.update-checker.disabled=true");

        http = new Http("http://localhost:" + HTTP_PORT);
        // JDK 17 with a dynamic CDS archive crashed at start when JFR recorded from the start (SIGSEGV in
        // KlassFactory::check_shared_class_file_load_hook, seen 2026-11-22), so a recorded run goes without it
        boolean cds = !options.containsKey("no-cds") && !options.containsKey("jfr");
        if (options.containsKey("jfr") && !options.containsKey("no-cds")) {
            log("--jfr: the app starts without the CDS archive (JDK 17 crashes with both)");
        }
        if (cds) {
            javaOptions.add("-XX:SharedArchiveFile=" + trainClassArchive(jar, javaOptions, env, work));
        }
        gatlingResults = work.resolve("gatling");
        db = new Ceiling(dbUrl, dbUser, dbPassword);
        double firstStart;
        double restart;
        long[] rss;
        long[] database;
        String heap;
        appGcLog = work.resolve("gc.log");
        List<String> recorded = new ArrayList<>(withJfr(javaOptions, work, "app.jfr"));
        recorded.add(GcPauses.logOption(appGcLog));
        try (AppProcess app = AppProcess.start(jar, recorded, env, log)) {
            firstStart = app.awaitHealthy(http, Duration.ofMinutes(10));
            running = app;
            log("app UP after %.1f s (pid %d, log %s)", firstStart, app.pid(), log);
            setUp();
            ceilingInserts(work);
            warmUpJit();
            bookings();
            webhooks();
            deadlines();
            replay();
            rss = app.rssKb();
            database = app.databaseMemoryKb(postmasterPid);
            heap = heap();
            Path histogram = work.resolve("heap-histogram.txt");
            app.fullCollection(histogram);
            String retained = heapUsed();
            heap += ", live after a full collection " + retained;
            log("heap after a full collection: %s; the largest classes (%s):%n%s", retained, histogram,
                    String.join("\n", Files.readAllLines(histogram).stream().skip(1).limit(17).toList()));
        }
        // the restart records apart, so the run's recording is kept
        try (AppProcess again = AppProcess.start(jar, withJfr(javaOptions, work, "app-restart.jfr"), env, log)) {
            restart = again.awaitHealthy(http, Duration.ofMinutes(10));
            log("restart UP after %.1f s", restart);
        }
        row("6", "Process RSS after the run (VmRSS / peak VmHWM)",
                String.format(Locale.ROOT, "%d MiB / %d MiB", rss[0] / 1024, rss[1] / 1024), "", "", "", "", "", "",
                "< 768 MiB");
        if (database[0] >= 0) {
            row("6", "Embedded PostgreSQL's memory after the run: all its processes' PSS / the largest private memory "
                            + "of one, outside shared memory",
                    String.format(Locale.ROOT, "%d MiB / %d MiB", database[0] / 1024, database[1] / 1024), "", "", "", "",
                    "", "", "");
        }
        row("6", "Heap after the run: used / committed, and used after a full collection (what the app retains)",
                heap, "", "", "", "", "", "", "");
        row("6", "Cold start to health UP: first start (initdb + migrations) / restart on the filled database"
                        + (cds ? " (with the CDS archive of a training start, docs/operations.md)" : " (no CDS archive)"),
                String.format(Locale.ROOT, "%.1f s / %.1f s", firstStart, restart), "", "", "", "", "", "", "< 15 s");
        report(Duration.ofNanos(System.nanoTime() - benchStarted));
    }

    /**
     * Starts the app once with {@code -XX:ArchiveClassesAtExit} and stops it when UP (on an embedded database of
     * its own; with {@code SETTLE_BENCH_DATABASE_URL} on that database, which it thereby migrates):
     * the JVM writes the classes that start loaded into a class-data sharing archive, which later starts map
     * instead of loading and verifying each class from the jar (docs/operations.md, "Starting faster"). Only
     * classes from the class path are archived, so the jar should be the extracted one ({@code bench/run.sh}
     * extracts it). This training start is not counted as the cold start.
     */
    private Path trainClassArchive(Path jar, List<String> javaOptions, Map<String, String> env, Path work)
            throws Exception {
        Path archive = work.resolve("app.jsa").toAbsolutePath();
        Path data = work.resolve("cds-training-data");
        List<String> training = new ArrayList<>(javaOptions);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        Map<String, String> trainingEnv = new LinkedHashMap<>(env);
        trainingEnv.put("SETTLE_DATA_DIR", data.toAbsolutePath().toString());
        long started = System.nanoTime();
        try (AppProcess app = AppProcess.start(jar, training, trainingEnv, work.resolve("cds-training.log"))) {
            app.awaitHealthy(http, Duration.ofMinutes(10));
        }
        deleteRecursively(data);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training start wrote no CDS archive (see cds-training.log)");
        }
        log("CDS archive of %,d KiB written by a training start in %.1f s", Files.size(archive) / 1024,
                (System.nanoTime() - started) / 1e9);
        return archive;
    }

    /** The app's JVM options, recording into {@code file} under the run's folder when {@code --jfr} is given. */
    private List<String> withJfr(List<String> javaOptions, Path work, String file) {
        if (!options.containsKey("jfr")) {
            return javaOptions;
        }
        List<String> recorded = new ArrayList<>(javaOptions);
        // Spring's request stacks are deeper than JFR's default 64 frames: the handler would be cut off
        recorded.add("-XX:FlightRecorderOptions=stackdepth=512");
        recorded.add("-XX:StartFlightRecording=filename=" + work.resolve(file).toAbsolutePath()
                + ",settings=profile,dumponexit=true");
        return recorded;
    }

    // ---------------------------------------------------------------- set-up

    private void setUp() throws Exception {
        admin = http.token("bench_admin", "ADMIN");
        for (int i = 0; i < PROVIDERS; i++) {
            String token = http.token("bench_provider_" + i, "PROVIDER");
            providers.add(token);
            Http.Response offering = http.post("/api/v1/offerings", token, Map.of("title", "Bench session " + i,
                    "durationMinutes", 20, "price", Map.of("amount", 3000, "currency", "usd")));
            check(offering, "offering");
            offerings.add(offering.body().path("id").asText());
        }
        for (String provider : providers) {
            // Connect onboarding through the simulator, for the payouts after scenario 5
            Http.Response account = http.post("/api/v1/connect/account", provider,
                    Map.of("country", "US", "email", "provider@example.com"));
            check(account, "connect account");
            Http.Response link = http.post("/api/v1/connect/account/onboarding-link", provider, Map.of());
            for (int attempt = 0; link.status() == 404 && attempt < 300; attempt++) {
                Thread.sleep(100); // the account's projection is eventually consistent
                link = http.post("/api/v1/connect/account/onboarding-link", provider, Map.of());
            }
            check(link, "onboarding link");
            check(http.post("/api/v1/dev/simulator/accounts/" + account.body().path("accountId").asText()
                    + "/complete-onboarding", null, Map.of()), "complete onboarding");
        }
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(http.token("bench_customer_" + i, "CUSTOMER"));
        }
        load = LoadPlan.of("http://localhost:" + HTTP_PORT, customers, offerings, WEBHOOK_SECRET);
        log("%d providers with an offering each, %d customers, tokens minted", PROVIDERS, CUSTOMERS);
    }

    // ---------------------------------------------------------------- JIT warm-up

    /**
     * For the first minutes after start the JIT compiler takes one of the two cores (C2 at 55 % of the
     * process's CPU in a profile of the first replay) and the code runs interpreted or half-compiled: the
     * scenarios measure the service once warm, cold start is scenario 6. Bookings exercise the request path,
     * the simulator's webhooks, every event processor and the wallet; then everything is let to catch up.
     */
    private void warmUpJit() throws Exception {
        Duration duration = quick ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
        LoadPlan plan = load.closed(8, duration, Duration.ZERO);
        GatlingRun.run(BookingSimulation.class, plan, gatlingResults.resolve("jit-warm-up"));
        double perSecond = plan.tally(BookingSimulation.WARM_UP).ok() / (double) duration.toSeconds();
        awaitCaughtUp(Duration.ofMinutes(2));
        notes.add(String.format(Locale.ROOT, "JIT warm-up before the first measured phase: %d s of bookings at 8 "
                + "clients (%.0f/s, not recorded), then every processor caught up", duration.toSeconds(), perSecond));
        log("jit warm-up: %d s of bookings at 8 clients, %.0f/s", duration.toSeconds(), perSecond);
    }

    /** Waits until every event processor has caught up, at most {@code limit}; false when it gave up. */
    private boolean awaitCaughtUp(Duration limit) throws Exception {
        long giveUpAt = System.nanoTime() + limit.toNanos();
        while (!allCaughtUp()) {
            if (System.nanoTime() >= giveUpAt) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private boolean allCaughtUp() throws Exception {
        for (JsonNode p : http.get("/api/v1/admin/projections", admin).body()) {
            if (p.path("lag").asLong(0) > 0) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- ceiling: inserts

    private void ceilingInserts(Path work) throws Exception {
        db.createInsertTable();
        byte[] payload = samplePayload().getBytes(StandardCharsets.UTF_8);
        byte[] meta = "{\"userId\":\"bench_customer_1\",\"correlationId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}"
                .getBytes(StandardCharsets.UTF_8);
        for (int clients : new int[] {1, 8, 32}) {
            Load.Result r = db.inserts(clients, shortWarmup(), shortMeasure(), payload, meta);
            insertCeilings.put(clients, r);
            row("C", "Ceiling: single-row insert transactions into an event-shaped table, " + clients(clients),
                    rate(r.perSecond(), "tx/s"), ms(r.p(50)), ms(r.p(99)), ms(r.maxMillis()),
                    String.valueOf(r.errors()), "", "", "");
            log("insert ceiling %d clients: %.0f tx/s p99 %.1f ms", clients, r.perSecond(), r.p(99));
            Optional<Ceiling.PgbenchResult> pgbench = db.pgbenchInserts(clients, shortMeasure(), payload, meta, work);
            if (pgbench.isEmpty()) {
                if (clients == 1) {
                    notes.add("no pgbench (Debian: postgresql-client; or SETTLE_BENCH_PGBENCH): the insert ceiling's "
                            + "cross-check was skipped");
                }
                continue;
            }
            row("C", "Cross-check: the same inserts driven by `pgbench -M prepared`, " + clients(clients)
                            + " (p50 column: pgbench's latency average)",
                    rate(pgbench.get().tps(), "tx/s"), ms(pgbench.get().latencyAverageMillis()), "", "", "", "", "", "");
            log("pgbench %d clients: %.0f tx/s, latency average %.2f ms", clients, pgbench.get().tps(),
                    pgbench.get().latencyAverageMillis());
        }
        db.dropInsertTable();
    }

    private static String samplePayload() {
        return "{\"bookingId\":\"bk_6f1c3e0a9b2d4c7e8f00112233445566\",\"customerId\":\"bench_customer_1\","
                + "\"providerId\":\"bench_provider_1\",\"offeringId\":\"off_0123456789abcdef\",\"offeringTitle\":"
                + "\"Bench session 1\",\"amount\":{\"amount\":3000,\"currency\":\"usd\"},\"platformFee\":{\"amount\":600,"
                + "\"currency\":\"usd\"},\"providerAmount\":{\"amount\":2400,\"currency\":\"usd\"},\"commissionBps\":2000,"
                + "\"scheduledAt\":\"2026-12-01T15:00:00Z\",\"sessionEndsAt\":\"2026-12-01T15:20:00Z\",\"source\":\"CARD\","
                + "\"notes\":null,\"requestedAt\":\"2026-11-22T01:00:00.123Z\"}";
    }

    // ---------------------------------------------------------------- 1 + 3: bookings and projection lag

    private void bookings() throws Exception {
        for (int clients : new int[] {1, 8, 32}) {
            LoadPlan plan = load.closed(clients, warmup, measure);
            Histogram lag = Load.histogram();
            LagPoller poller = new LagPoller(plan.paidBookings(), lag);
            long[] cpuBefore = running.cpuMillis(postmasterPid);
            poller.start();
            Instant phaseStarted = Instant.now();
            GatlingRun.run(BookingSimulation.class, plan, gatlingResults.resolve("bookings-" + clients));
            gcPauses("bookings, " + clients(clients), phaseStarted);
            poller.finish(Duration.ofSeconds(20));
            Tally r = plan.tally(BookingSimulation.MEASURED);
            cpuPerBooking(clients, cpuBefore, plan.tally(BookingSimulation.WARM_UP).ok() + r.ok());
            double perSecond = r.okPerSecond(measure);
            Load.Result ceiling = insertCeilings.get(clients);
            row("1", "Booking creation `POST /api/v1/bookings` (pm_card_visa), " + clients(clients),
                    rate(perSecond, "req/s"), ms(r.p(50)), ms(r.p(99)),
                    ms(r.max()), String.valueOf(r.ko()), rate(ceiling.perSecond(), "tx/s"),
                    ratio(perSecond / ceiling.perSecond()),
                    clients == 32 ? "≥ 1,000/s, p99 < 50 ms, ≥ 0.15" : "");
            log("bookings %d clients: %.0f/s p50 %.0f p99 %.0f max %.0f errors %d", clients, perSecond, r.p(50),
                    r.p(99), r.max(), r.ko());
            row("3", "Projection lag: booking paid → wallet projection shows it pending, under " + clients(clients)
                            + " (" + lag.getTotalCount() + " of " + poller.expected() + " seen)",
                    "", ms(lag.getValueAtPercentile(50) / 1000.0), ms(lag.getValueAtPercentile(99) / 1000.0),
                    ms(lag.getMaxValue() / 1000.0), String.valueOf(poller.expected() - lag.getTotalCount()), "", "",
                    clients == 32 ? "p99 < 250 ms" : "");
            log("lag %d clients: p50 %.1f p99 %.1f ms (%d of them seen before their booking's answer)", clients,
                    lag.getValueAtPercentile(50) / 1000.0, lag.getValueAtPercentile(99) / 1000.0, poller.beforeAnswered);
        }
    }

    /**
     * The CPU the app and its embedded PostgreSQL used for a load level's bookings (warm-up and measured), from
     * the phase's start until every event processor has caught up with them (at most two minutes more), per
     * booking: less sensitive to the machine's speed of the moment than the rate. Not the load driver's CPU.
     */
    private void cpuPerBooking(int clients, long[] before, long bookings) throws Exception {
        boolean caughtUp = awaitCaughtUp(Duration.ofMinutes(2));
        long[] after = running.cpuMillis(postmasterPid);
        double app = (after[0] - before[0]) / (double) bookings;
        String database = before[1] < 0 || after[1] < 0 ? "not measured (no embedded database)"
                : String.format(Locale.ROOT, "%.1f ms", (after[1] - before[1]) / (double) bookings);
        row("1", "CPU per booking, " + clients(clients) + ": app / embedded "
                        + "PostgreSQL, until every processor caught up" + (caughtUp ? "" : " (not within 2 min)"),
                String.format(Locale.ROOT, "%.1f ms / %s", app, database), "", "", "", "", "", "", "");
        log("cpu per booking %d clients: app %.1f ms, database %s (%d bookings)%s", clients, app, database, bookings,
                caughtUp ? "" : ", processors not caught up within 2 min");
    }

    /**
     * Watches {@code wallet_transactions} for the EARNING_PENDING rows of the bookings answered PAID: the
     * wallets projection writes that row when it handles the EarningPending event the escrow saga caused.
     * Polls every 5 ms by id range (the primary key), so the poll itself costs the database little.
     *
     * <p>A booking's lag runs from its {@code FundsHeld} event's timestamp (the app's clock as the capture
     * command applied it, just before the commit) to the poll that saw its row, on the wall clock both processes
     * share. Not from the client's answer: when the request threads are slowed (docs/operations.md, "Under
     * overload") the answer can leave long after the commit, and the lag would look shorter than it is.
     */
    private final class LagPoller extends Thread {
        private static final String FUNDS_HELD = "io.settle.api.booking.BookingEvents$FundsHeld";
        private final Set<String> paid;
        private final Histogram lag;
        private volatile boolean stopping;
        private volatile long stopAt = Long.MAX_VALUE;
        private long lastId;
        private long expected;
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        /**
         * The lag (µs) of rows whose booking's answer Gatling had not recorded yet when the poll saw them: the
         * saga and the projection can be quicker than the client's callback, and only answered bookings of the
         * measured phase count. Rows of bookings answered outside the phase (its warm-up, an earlier phase) stay
         * here unmatched.
         */
        private final Map<String, Long> seenBeforeAnswered = new HashMap<>();
        private long beforeAnswered; // read after join()

        LagPoller(Set<String> paid, Histogram lag) throws Exception {
            super("lag-poller");
            this.paid = paid;
            this.lag = lag;
            this.lastId = db.count("SELECT coalesce(max(id), 0) FROM wallet_transactions");
        }

        @Override
        public void run() {
            try (Connection c = db.connect(true);
                 PreparedStatement poll = c.prepareStatement("SELECT w.id, w.reference, e.time_stamp"
                         + " FROM wallet_transactions w JOIN domain_event_entry e ON e.aggregate_identifier = w.reference"
                         + " AND e.payload_type = '" + FUNDS_HELD + "'"
                         + " WHERE w.id > ? AND w.type = 'EARNING_PENDING' ORDER BY w.id")) {
                while (true) {
                    poll.setLong(1, lastId);
                    try (ResultSet rs = poll.executeQuery()) {
                        Instant now = Instant.now();
                        while (rs.next()) {
                            lastId = rs.getLong(1);
                            String booking = rs.getString(2);
                            long micros = Math.max(1, ChronoUnit.MICROS.between(Instant.parse(rs.getString(3)), now));
                            if (paid.contains(booking)) {
                                record(booking, micros);
                            } else {
                                seenBeforeAnswered.putIfAbsent(booking, micros);
                            }
                        }
                    }
                    seenBeforeAnswered.entrySet().removeIf(row -> {
                        if (!paid.contains(row.getKey())) {
                            return false;
                        }
                        record(row.getKey(), row.getValue());
                        beforeAnswered++;
                        return true;
                    });
                    if (stopping && (seen.size() >= paid.size() || System.nanoTime() > stopAt)) {
                        expected = paid.size();
                        return;
                    }
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Once per booking: the time from its FundsHeld event to the poll that saw its row (at least 1 µs). */
        private void record(String booking, long micros) {
            if (seen.putIfAbsent(booking, true) == null) {
                lag.recordValue(micros);
            }
        }

        void finish(Duration timeout) throws InterruptedException {
            stopAt = System.nanoTime() + timeout.toNanos();
            stopping = true;
            join();
        }

        long expected() {
            return expected;
        }
    }

    // ---------------------------------------------------------------- 2: webhooks

    private void webhooks() throws Exception {
        int clients = 32;
        LoadPlan plan = load.closed(clients, warmup, measure);
        Instant phaseStarted = Instant.now();
        GatlingRun.run(WebhookSimulation.class, plan, gatlingResults.resolve("webhooks"));
        gcPauses("webhooks, 32 clients", phaseStarted);
        Tally r = plan.tally(WebhookSimulation.MEASURED);
        double perSecond = r.okPerSecond(measure);
        Load.Result ceiling = insertCeilings.get(clients);
        row("2", "Webhook ingestion `POST /webhooks/stripe` (signed, unique ids + 10 % duplicates), 32 clients",
                rate(perSecond, "accepted/s"), ms(r.p(50)), ms(r.p(99)), ms(r.max()),
                String.valueOf(r.ko()), rate(ceiling.perSecond(), "tx/s"), ratio(perSecond / ceiling.perSecond()),
                "≥ 2,000/s, p99 < 20 ms");
        log("webhooks: %.0f/s p99 %.0f errors %d", perSecond, r.p(99), r.ko());
    }

    /**
     * A row with the stop-the-world collections of the app and of the load driver during a closed phase's measured
     * part (from {@code phaseStarted} + warm-up): a request caught by either waits the pause out.
     */
    private void gcPauses(String phase, Instant phaseStarted) throws Exception {
        Instant from = phaseStarted.plus(warmup);
        Instant to = from.plus(measure);
        GcPauses.Summary app = GcPauses.Summary.of(GcPauses.fromLog(appGcLog), from, to);
        GcPauses.Summary driver = GcPauses.Summary.of(driverPauses, from, to);
        row("G", "GC pauses in the measured part of " + phase + ": app; load driver (count, sum, longest)",
                app + "; " + driver, "", "", "", "", "", "", "");
        log("gc pauses, %s: app %s; driver %s", phase, app, driver);
    }

    // ---------------------------------------------------------------- 5: escrow release deadlines

    /**
     * Bookings at 100/s for a session that already ended, so each escrow saga's release deadline (db-scheduler,
     * persistent) falls due {@link #HOLD} (3 s) after the payment; the delay is the booking's
     * {@code released_at} (the EscrowReleased event's time) minus the {@code releaseAt} the API answered.
     */
    private void deadlines() throws Exception {
        double perSecond = 100;
        Duration duration = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(15);
        LoadPlan plan = load.open(perSecond, duration);
        GatlingRun.run(DeadlineSimulation.class, plan, gatlingResults.resolve("deadlines"));
        Tally r = plan.tally(DeadlineSimulation.MEASURED);
        Map<String, Instant> releaseAt = plan.releaseAt();
        Histogram delay = Load.histogram();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Instant> released = new LinkedHashMap<>();
        try (Connection c = db.connect(false);
             PreparedStatement s = c.prepareStatement("SELECT id, released_at FROM bookings WHERE id = ANY(?) "
                     + "AND released_at IS NOT NULL")) {
            while (released.size() < releaseAt.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                List<String> pending = releaseAt.keySet().stream().filter(id -> !released.containsKey(id)).toList();
                Array ids = c.createArrayOf("varchar", pending.toArray());
                s.setArray(1, ids);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Timestamp at = rs.getTimestamp(2);
                        released.put(rs.getString(1), at.toInstant());
                    }
                }
            }
        }
        released.forEach((id, at) -> delay.recordValue(Math.max(1,
                Duration.between(releaseAt.get(id), at).toNanos() / 1000)));
        row("5", String.format(Locale.ROOT, "Escrow release deadlines: bookings at %.0f/s (answered %.0f/s, booking p99 %s),"
                        + " deadline firing delay (released %d of %d)", perSecond, r.okPerSecondOfAnswering(), ms(r.p(99)),
                        released.size(), releaseAt.size()),
                "", ms(delay.getValueAtPercentile(50) / 1000.0), ms(delay.getValueAtPercentile(99) / 1000.0),
                ms(delay.getMaxValue() / 1000.0), String.valueOf(r.ko() + releaseAt.size() - released.size()),
                "", "", "");
        log("deadlines: %d released of %d, delay p50 %.0f p99 %.0f ms", released.size(), releaseAt.size(),
                delay.getValueAtPercentile(50) / 1000.0, delay.getValueAtPercentile(99) / 1000.0);
        payouts();
    }

    /** Each provider pays out what the released bookings made available: request → PAID through the payout saga. */
    private void payouts() throws Exception {
        Histogram took = Load.histogram();
        int failed = 0;
        for (String provider : providers) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"ENABLED".equals(http.get("/api/v1/connect/account", provider).body().path("status").asText())
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long started = System.nanoTime();
            Http.Response requested = http.post("/api/v1/wallet/payouts", provider, Map.of());
            if (!requested.ok()) {
                failed++;
                log("payout request: HTTP %d %s", requested.status(), requested.body());
                continue;
            }
            String id = requested.body().path("id").asText();
            boolean paid = false;
            while (!paid && System.nanoTime() < started + Duration.ofSeconds(60).toNanos()) {
                for (JsonNode payout : http.get("/api/v1/wallet/payouts", provider).body().path("data")) {
                    paid |= id.equals(payout.path("id").asText()) && "PAID".equals(payout.path("status").asText());
                }
                if (!paid) {
                    Thread.sleep(20);
                }
            }
            if (paid) {
                took.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
            } else {
                failed++;
            }
        }
        row("5", "Payout saga after the releases: one payout per provider, request → PAID (" + took.getTotalCount()
                        + " of " + providers.size() + ")", "", ms(took.getValueAtPercentile(50) / 1000.0),
                ms(took.getValueAtPercentile(99) / 1000.0), ms(took.getMaxValue() / 1000.0), String.valueOf(failed),
                "", "", "");
        log("payouts: %d paid, p50 %.0f max %.0f ms", took.getTotalCount(), took.getValueAtPercentile(50) / 1000.0,
                took.getMaxValue() / 1000.0);
    }

    // ---------------------------------------------------------------- 4: replay + scan ceiling

    private void replay() throws Exception {
        long target = Long.parseLong(options.getOrDefault("events", quick ? "100000" : "1000000"));
        long existing = db.count("SELECT count(*) FROM domain_event_entry");
        long toAdd = Math.max(0, target - existing);
        if (toAdd > 0) {
            long started = System.nanoTime();
            Http.Response generated = http.postRaw("/api/v1/dev/bench/events", null,
                    "{\"bookings\":" + (toAdd + 3) / 4 + ",\"resumeProjections\":false}", Map.of(), Duration.ofMinutes(10));
            check(generated, "event generator");
            log("generated %s events in %.1f s", generated.body().path("events").asText(),
                    (System.nanoTime() - started) / 1e9);
        }
        long events = db.count("SELECT count(*) FROM domain_event_entry");
        Ceiling.Scan text = db.scan(1, false);
        Ceiling.Scan scan = db.scan(1, true); // the text pass before warmed the cache
        row("C", String.format(Locale.ROOT, "Ceiling: ordered full read of the event table (%,d events, binary transfer)",
                scan.rows()), rate(scan.perSecond(), "rows/s"), "", "", String.format(Locale.ROOT, "%.1f s", scan.seconds()),
                "", "", "", "");
        row("C", "The same read over pgjdbc's default text protocol (for comparison)",
                rate(text.perSecond(), "rows/s"), "", "", String.format(Locale.ROOT, "%.1f s", text.seconds()),
                "", "", "", "");
        log("scan ceiling: %,d rows in %.1f s = %.0f rows/s", scan.rows(), scan.seconds(), scan.perSecond());

        List<String> projections = new ArrayList<>();
        for (JsonNode p : http.get("/api/v1/admin/projections", admin).body()) {
            if (p.path("replayable").asBoolean()) {
                projections.add(p.path("name").asText());
            }
        }
        long head = db.count("SELECT max(global_index) FROM domain_event_entry");
        long started = System.nanoTime();
        for (String name : projections) {
            check(http.post("/api/v1/admin/projections/" + name + "/replay", admin, Map.of()), "replay " + name);
        }
        Map<String, Double> done = new LinkedHashMap<>();
        Map<String, Long> positions = new LinkedHashMap<>();
        long timeout = System.nanoTime() + Duration.ofMinutes(quick ? 4 : 12).toNanos();
        while (done.size() < projections.size() && System.nanoTime() < timeout) {
            Thread.sleep(100);
            for (JsonNode p : http.get("/api/v1/admin/projections", admin).body()) {
                String name = p.path("name").asText();
                positions.put(name, p.path("position").asLong(0));
                if (projections.contains(name) && !done.containsKey(name) && p.path("caughtUp").asBoolean()
                        && p.path("position").asLong(-1) >= head) {
                    done.put(name, (System.nanoTime() - started) / 1e9);
                }
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        boolean complete = done.size() == projections.size();
        String slowest = done.entrySet().stream().max(Comparator.comparingDouble(Map.Entry::getValue))
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f s", e.getValue())).orElse("-");
        // unfinished: count what the slowest projection got through
        long processed = complete ? events : projections.stream().mapToLong(n -> positions.getOrDefault(n, 0L)).min()
                .orElse(0) * events / Math.max(1, head);
        double perSecond = processed / wall;
        row("4", String.format(Locale.ROOT, "Full replay of %d projections from the first event over %,d events "
                                + "(slowest: %s)%s",
                        projections.size(), events, slowest, complete ? "" : String.format(Locale.ROOT,
                                " — NOT FINISHED within the timeout: the slowest got through %,d events", processed)),
                rate(perSecond, "events/s"), "", "", String.format(Locale.ROOT, "%.1f s", wall), complete ? "0" : "timeout",
                rate(scan.perSecond(), "rows/s"), ratio(perSecond / scan.perSecond()), "≥ 0.15 (≈ 30,000/s)");
        log("replay of %s: %.1f s = %.0f events/s (%s)", projections, wall, perSecond, done);
    }

    // ---------------------------------------------------------------- 6 + report

    private String heapUsed() throws Exception {
        return String.format(Locale.ROOT, "%.0f MiB", metric("jvm.memory.used?tag=area:heap") / 1048576);
    }

    private String heap() throws Exception {
        double used = metric("jvm.memory.used?tag=area:heap");
        double committed = metric("jvm.memory.committed?tag=area:heap");
        return String.format(Locale.ROOT, "%.0f MiB / %.0f MiB", used / 1048576, committed / 1048576);
    }

    private double metric(String query) throws Exception {
        Http.Response r = http.get("/actuator/metrics/" + query, admin);
        return r.body().path("measurements").path(0).path("value").asDouble(Double.NaN);
    }

    private void report(Duration total) throws Exception {
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        StringBuilder md = new StringBuilder();
        md.append("# Settle benchmark, ").append(when).append("\n\n");
        md.append(String.format(Locale.ROOT, "- machine: %d cores, Java %s, %s; database: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getenv("SETTLE_BENCH_DATABASE_URL") == null
                        ? "embedded PostgreSQL 15 (fresh data directory)" : "SETTLE_BENCH_DATABASE_URL"));
        md.append(String.format(Locale.ROOT, "- phases: %d s warm-up + %d s measured per load level%s; whole run %.1f min%n",
                warmup.toSeconds(), measure.toSeconds(), quick ? " (--quick)" : "", total.toSeconds() / 60.0));
        md.append("- app JVM options: `").append(System.getenv().getOrDefault("SETTLE_BENCH_JAVA_OPTS", ""))
                .append(options.containsKey("jfr") ? " + JFR" : "")
                .append("`, MALLOC_ARENA_MAX=`").append(mallocArenaMax()).append("`\n");
        String settings = appSettingsFromEnvironment();
        if (!settings.isEmpty()) {
            md.append("- app settings from the bench's environment: ").append(settings).append('\n');
        }
        if (options.containsKey("label")) {
            md.append("- label: ").append(options.get("label")).append('\n');
        }
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        md.append('\n');
        md.append("| # | Scenario | Throughput | p50 | p99 | max / wall | errors | Ceiling | Ratio | Target |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        System.out.println();
        System.out.println(md);
        Path dir = Path.of(options.getOrDefault("results", "bench/results"));
        Files.createDirectories(dir);
        Path file = dir.resolve(when + ".md");
        Files.writeString(file, md.toString());
        log("written to %s", file);
    }

    private void row(String n, String scenario, String throughput, String p50, String p99, String max, String errors,
                     String ceiling, String ratio, String target) {
        rows.add(new String[] {n, scenario, throughput, p50, p99, max, errors, ceiling, ratio, target});
    }

    // ---------------------------------------------------------------- helpers

    private Duration shortWarmup() {
        return quick ? Duration.ofSeconds(1) : Duration.ofSeconds(3);
    }

    private Duration shortMeasure() {
        return quick ? Duration.ofSeconds(3) : Duration.ofSeconds(8);
    }

    /** The app process's glibc arena limit: the caller's, or 2. */
    private static String mallocArenaMax() {
        return System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2");
    }

    /** "1 client", "8 clients". */
    private static String clients(int n) {
        return n + (n == 1 ? " client" : " clients");
    }

    private static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", perSecond, unit);
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    /**
     * The {@code SETTLE_*} variables the app process inherits from the bench's environment (a tuning under test),
     * leaving out the bench's own and those the bench sets for the app.
     */
    private String appSettingsFromEnvironment() {
        return System.getenv().entrySet().stream()
                .filter(e -> e.getKey().startsWith("SETTLE_") && !e.getKey().startsWith("SETTLE_BENCH_")
                        && !appEnvironment.containsKey(e.getKey()))
                .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static void check(Http.Response response, String what) {
        if (!response.ok()) {
            throw new IllegalStateException(what + ": HTTP " + response.status() + " " + response.body());
        }
    }

    private String require(String option) {
        String value = options.get(option);
        if (value == null) {
            throw new IllegalArgumentException("--" + option + " is required");
        }
        return value;
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench %s] %s%n",
                DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now()),
                String.format(Locale.ROOT, format, args));
    }

    private static void deleteRecursively(Path path) throws Exception {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
