package io.settle.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the database itself can do on this machine, measured in the same run on the same database:
 * <ul>
 * <li>appends: single-row inserts into a table shaped like Axon's {@code domain_event_entry} (same columns,
 * primary key, unique keys, a sequence for the global index), one transaction each, synchronous commit, at
 * the scenario's client concurrency. An event-store append can never beat this. Driven by our own JDBC
 * threads, and cross-checked by PostgreSQL's {@code pgbench} running the same insert where it is installed;</li>
 * <li>reads: one ordered pass over {@code domain_event_entry} reading every column, with binary transfer
 * (pgjdbc {@code prepareThreshold=-1}). A replay can never beat this.</li>
 * </ul>
 */
final class Ceiling {

    private static final String TABLE = "bench_ceiling_events";
    /** The insert both drivers of the append ceiling run: our JDBC threads and pgbench. */
    private static final String INSERT_INTO = "INSERT INTO " + TABLE
            + " (global_index, sequence_number, meta_data, payload, aggregate_identifier, event_identifier,"
            + " payload_revision, payload_type, time_stamp, type)";
    private static final String PAYLOAD_TYPE = "'io.settle.api.booking.BookingEvents$BookingRequested'";

    private final String url;
    private final Properties credentials;

    Ceiling(String url, String user, String password) {
        this.url = url;
        this.credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password == null ? "" : password);
    }

    Connection connect(boolean binary) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(credentials);
        if (binary) {
            properties.setProperty("prepareThreshold", "-1");
        }
        return DriverManager.getConnection(url, properties);
    }

    void createInsertTable() throws SQLException {
        try (Connection c = connect(false); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("DROP SEQUENCE IF EXISTS " + TABLE + "_seq");
            s.execute("CREATE SEQUENCE " + TABLE + "_seq");
            s.execute("CREATE TABLE " + TABLE + " (LIKE domain_event_entry INCLUDING ALL)");
        }
    }

    void dropInsertTable() throws SQLException {
        try (Connection c = connect(false); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("DROP SEQUENCE IF EXISTS " + TABLE + "_seq");
        }
    }

    /** Single-row insert transactions from {@code clients} connections. */
    Load.Result inserts(int clients, Duration warmup, Duration measure, byte[] payload, byte[] metaData)
            throws Exception {
        Connection[] connections = new Connection[clients];
        PreparedStatement[] statements = new PreparedStatement[clients];
        for (int i = 0; i < clients; i++) {
            connections[i] = connect(false);
            connections[i].setAutoCommit(true);
            statements[i] = connections[i].prepareStatement(INSERT_INTO
                    + " VALUES (nextval('" + TABLE + "_seq'), 0, ?, ?, ?, ?, NULL, " + PAYLOAD_TYPE + ", ?, 'Booking')");
        }
        try {
            return Load.closed("insert-ceiling", clients, warmup, measure, (client, n) -> {
                PreparedStatement insert = statements[client];
                String id = UUID.randomUUID().toString();
                insert.setBytes(1, metaData);
                insert.setBytes(2, payload);
                insert.setString(3, "bk_ceiling_" + id);
                insert.setString(4, id);
                insert.setString(5, java.time.Instant.now().toString());
                return insert.executeUpdate() == 1;
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** pgbench's figures for a run: transactions a second and the mean latency in ms. */
    record PgbenchResult(double tps, double latencyAverageMillis) {
    }

    /**
     * The same single-row insert transactions driven by PostgreSQL's own {@code pgbench} (prepared protocol,
     * {@code clients} connections, at most two threads), as a cross-check of {@link #inserts} by a well-kept
     * tool. Empty when there is no {@code pgbench} (Debian's postgresql-client has it; {@code SETTLE_BENCH_PGBENCH}
     * names another binary).
     */
    Optional<PgbenchResult> pgbenchInserts(int clients, Duration measure, byte[] payload, byte[] metaData,
                                                     Path work) throws Exception {
        URI uri = URI.create(url.substring("jdbc:".length()));
        Path script = work.resolve("ceiling-insert.sql");
        HexFormat hex = HexFormat.of();
        Files.writeString(script, INSERT_INTO
                + " SELECT nextval('" + TABLE + "_seq'), 0, '\\x" + hex.formatHex(metaData) + "'::bytea, '\\x"
                + hex.formatHex(payload) + "'::bytea, 'bk_ceiling_' || u, u, NULL, " + PAYLOAD_TYPE
                + ", clock_timestamp()::text, 'Booking' FROM (SELECT gen_random_uuid()::text AS u) g;\n");
        String database = uri.getPath().replaceFirst("^/", "");
        String pgbench = System.getenv().getOrDefault("SETTLE_BENCH_PGBENCH", "pgbench");
        ProcessBuilder builder = new ProcessBuilder(pgbench, "-n", "-M", "prepared", "-c", String.valueOf(clients),
                "-j", String.valueOf(Math.min(clients, 2)), "-T", String.valueOf(measure.toSeconds()),
                "-h", uri.getHost(), "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U", credentials.getProperty("user"), "-f", script.toAbsolutePath().toString(),
                database.isEmpty() ? "postgres" : database).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", credentials.getProperty("password"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        return Optional.of(new PgbenchResult(number(output, "tps = "), number(output, "latency average = ")));
    }

    private static double number(String output, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label)
                + "([0-9.]+)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no '" + label + "' in pgbench's output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    record Scan(long rows, double seconds) {
        double perSecond() {
            return rows / seconds;
        }
    }

    /** The best of {@code passes} ordered full reads of the event table (the first one also warms the cache). */
    Scan scan(int passes, boolean binary) throws SQLException {
        Scan best = null;
        for (int i = 0; i < passes; i++) {
            try (Connection c = connect(binary)) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("SELECT global_index, sequence_number, meta_data, payload,"
                        + " aggregate_identifier, event_identifier, payload_revision, payload_type, time_stamp, type"
                        + " FROM domain_event_entry ORDER BY global_index")) {
                    s.setFetchSize(1000);
                    long started = System.nanoTime();
                    long rows = 0;
                    long bytes = 0; // every column is read and touched, as a replay must
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            bytes += rs.getLong(1) + rs.getLong(2);
                            byte[] meta = rs.getBytes(3);
                            byte[] payload = rs.getBytes(4);
                            bytes += (meta == null ? 0 : meta.length) + payload.length;
                            bytes += rs.getString(5).length() + rs.getString(6).length() + rs.getString(8).length()
                                    + rs.getString(9).length();
                            rs.getString(7);
                            rs.getString(10);
                        }
                    }
                    Scan scan = new Scan(rows, (System.nanoTime() - started) / 1e9);
                    if (best == null || scan.perSecond() > best.perSecond()) {
                        best = scan;
                    }
                }
                c.commit();
            }
        }
        return best;
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(false); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
