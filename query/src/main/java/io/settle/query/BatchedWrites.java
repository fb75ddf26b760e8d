package io.settle.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * A projection's writes, sent to the database in one round trip at the end of the event processor's batch
 * instead of one round trip per statement: a replay or a processor catching up handles up to a batch of
 * events per transaction (application.yml), and waiting for PostgreSQL after every statement was most of
 * its time (docs/benchmarks.md).
 * <p>
 * The statements run in the order they were queued, in the batch's transaction, just before the
 * processor's token is committed with them; one that fails rolls the whole batch back and the processor
 * retries it, as before. Queued writes are not visible to reads: a handler that reads what an earlier handler
 * may have written in the same batch calls {@link #flush()} first. Outside a unit of work (a direct call)
 * a write runs at once.
 * <p>
 * Rows queued one after another through the same {@link Insert} go as one multi-row {@code INSERT}: PostgreSQL
 * then starts its executor once per statement instead of once per row, which was the largest cost of a
 * ledger replay on the database's side (docs/benchmarks.md).
 * <p>
 * A statement that changes one row only ({@link #updateRow}) is not combined: consecutive such statements are
 * sent as prepared statements, one batch of parameter sets per text, so PostgreSQL parses and plans each text
 * once per connection instead of at every execution (about half of its work for a booking's insert and updates,
 * docs/benchmarks.md). Statements of one row keep their order; those of different rows may run in any order
 * between two other statements, which see everything queued before them done.
 */
public final class BatchedWrites {

    /** Statements per round trip; also bounds the combined statement's length. */
    private static final int MAX_PER_ROUND_TRIP = 200;
    /** Rows per multi-row insert. */
    private static final int MAX_ROWS_PER_INSERT = 500;
    /** Parameters per round trip: pgjdbc refuses more than 32,767 in one command. */
    private static final int MAX_PARAMETERS_PER_ROUND_TRIP = 30_000;

    private final JdbcTemplate jdbc;
    private final String resourceKey;

    public BatchedWrites(JdbcTemplate jdbc, String projection) {
        this.jdbc = jdbc;
        this.resourceKey = BatchedWrites.class.getName() + "/" + projection;
    }

    /** Queues a statement that returns no rows and whose update count the caller does not need. */
    public void update(String sql, Object... args) {
        queue(sql, args, null);
    }

    /**
     * Queues a statement, like {@link #update}, that reads and changes only the row (or rows) that {@code row}
     * names, say a booking by its id, and that no statement queued for another row reads or changes. It may then
     * run before statements of other rows queued ahead of it, never before those of its own row or before a
     * statement queued through {@link #update} or {@link #insert}.
     */
    public void updateRow(String row, String sql, Object... args) {
        queue(sql, args, Objects.requireNonNull(row, "row"));
    }

    private void queue(String sql, Object[] args, String row) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        pending().add(new Statement(sql.strip(), args, row));
    }

    /**
     * Queues one row of {@code insert}; consecutive rows of the same insert are sent as one statement, in the
     * order queued. {@code values} are the row's columns, in the order {@link Insert#into()} names them.
     */
    public void insert(Insert insert, Object... values) {
        if (values.length != insert.columnCount()) {
            throw new IllegalArgumentException(insert.columnCount() + " values expected for " + insert.into()
                    + ", got " + values.length);
        }
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(insert.sql(1), values);
            return;
        }
        pending().addRow(insert, values);
    }

    /** Runs what is queued now, so a following read sees it. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(resourceKey);
            if (pending != null) {
                pending.flush(jdbc);
            }
        }
    }

    /**
     * A row-by-row insert: {@code INSERT INTO <into> VALUES (?, ...) <suffix>}, where {@code into} names the table
     * and its columns and {@code suffix} (say an {@code ON CONFLICT} clause, or empty) applies to the statement.
     */
    public record Insert(String into, int columnCount, String suffix) {

        public Insert {
            if (columnCount < 1) {
                throw new IllegalArgumentException("an insert needs a column");
            }
        }

        /** The statement for {@code rows} rows. */
        public String sql(int rows) {
            String row = "(?" + ", ?".repeat(columnCount - 1) + ")";
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(into.strip()).append(" VALUES ");
            for (int i = 0; i < rows; i++) {
                sql.append(i == 0 ? "" : ", ").append(row);
            }
            return sql.append(suffix.isBlank() ? "" : " " + suffix.strip()).toString();
        }
    }

    private Pending pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(resourceKey, key -> {
            Pending pending = new Pending();
            unitOfWork.onPrepareCommit(u -> pending.flush(jdbc));
            return pending;
        });
    }

    /** {@code row} null: a statement that may touch any row, run after everything queued before it. */
    private record Statement(String sql, Object[] args, String row) {
    }

    private record Row(Insert insert, Object[] values) {
    }

    private static final class Pending {

        /** {@link Statement}s and {@link Row}s, in the order queued. */
        private final List<Object> queued = new ArrayList<>();

        void add(Statement statement) {
            queued.add(statement);
        }

        void addRow(Insert insert, Object[] values) {
            queued.add(new Row(insert, values));
        }

        /** Runs of statements of one row go prepared, everything else combined, the runs in the order queued. */
        void flush(JdbcTemplate jdbc) {
            List<Object> all = new ArrayList<>(queued);
            queued.clear();
            int from = 0;
            while (from < all.size()) {
                boolean ofRows = ofOneRow(all.get(from));
                int to = from;
                while (to < all.size() && ofOneRow(all.get(to)) == ofRows) {
                    to++;
                }
                if (ofRows) {
                    runPrepared(jdbc, all.subList(from, to));
                } else {
                    runCombined(jdbc, coalesced(all.subList(from, to)));
                }
                from = to;
            }
        }

        private static boolean ofOneRow(Object queued) {
            return queued instanceof Statement statement && statement.row() != null;
        }

        /**
         * In rounds: the first statement of every row, then the second of every row that has one, and so on; in a
         * round each text goes once, with its parameter sets as a JDBC batch of a statement that the driver, after a
         * few uses on the connection, prepares on the server and keeps there.
         */
        private static void runPrepared(JdbcTemplate jdbc, List<Object> statements) {
            Map<String, Integer> queuedOfRow = new HashMap<>();
            List<Map<String, List<Object[]>>> rounds = new ArrayList<>();
            for (Object queued : statements) {
                Statement statement = (Statement) queued;
                int round = queuedOfRow.merge(statement.row(), 1, Integer::sum) - 1;
                if (round == rounds.size()) {
                    rounds.add(new LinkedHashMap<>());
                }
                rounds.get(round).computeIfAbsent(statement.sql(), sql -> new ArrayList<>()).add(statement.args());
            }
            for (Map<String, List<Object[]>> round : rounds) {
                round.forEach((sql, parameterSets) -> jdbc.execute(sql, (PreparedStatement ps) -> {
                    for (Object[] args : parameterSets) {
                        bind(ps, args);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    return null;
                }));
            }
        }

        /**
         * pgjdbc sends the statements of one multi-statement command together and PostgreSQL runs them in
         * order; a JDBC batch would need every statement to have the same text.
         */
        private static void runCombined(JdbcTemplate jdbc, List<Statement> statements) {
            int from = 0;
            while (from < statements.size()) {
                int to = from;
                int parameters = 0;
                while (to < statements.size() && to - from < MAX_PER_ROUND_TRIP
                        && (to == from || parameters + statements.get(to).args().length <= MAX_PARAMETERS_PER_ROUND_TRIP)) {
                    parameters += statements.get(to++).args().length;
                }
                run(jdbc, statements.subList(from, to));
                from = to;
            }
        }

        /** {@code queued} with each run of rows of one insert turned into multi-row statements. */
        private static List<Statement> coalesced(List<Object> queued) {
            List<Statement> statements = new ArrayList<>();
            int i = 0;
            while (i < queued.size()) {
                if (queued.get(i) instanceof Statement statement) {
                    statements.add(statement);
                    i++;
                    continue;
                }
                Insert insert = ((Row) queued.get(i)).insert();
                List<Object> args = new ArrayList<>();
                int rows = 0;
                while (i < queued.size() && rows < MAX_ROWS_PER_INSERT && queued.get(i) instanceof Row row
                        && row.insert().equals(insert)) {
                    Collections.addAll(args, row.values());
                    rows++;
                    i++;
                }
                statements.add(new Statement(insert.sql(rows), args.toArray(), null));
            }
            return statements;
        }

        private static void run(JdbcTemplate jdbc, List<Statement> chunk) {
            StringBuilder sql = new StringBuilder();
            List<Object> args = new ArrayList<>();
            for (Statement statement : chunk) {
                sql.append(statement.sql()).append(";\n");
                Collections.addAll(args, statement.args());
            }
            jdbc.execute(sql.toString(), (PreparedStatement ps) -> {
                if (ps.isWrapperFor(PGStatement.class)) {
                    // Each combined command is one of a kind: prepared on the server, every one would stay in
                    // the backend's memory until the driver's cache let it go (about 90 MiB in one backend,
                    // docs/benchmarks.md); unnamed, PostgreSQL drops it after use. pgjdbc ignores this on a
                    // connection that forces binary transfer (prepareThreshold=-1), so the pool must not.
                    ps.unwrap(PGStatement.class).setPrepareThreshold(0);
                }
                bind(ps, args.toArray());
                ps.execute();
                return null;
            });
        }

        private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, Types.NULL); // the server infers the type; no describe round trip
                } else {
                    StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, args[i]);
                }
            }
        }
    }
}
