package io.settle.query;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 */
public final class BatchedWrites {

    /** Statements per round trip; also bounds the combined statement's length. */
    private static final int MAX_PER_ROUND_TRIP = 200;

    private final JdbcTemplate jdbc;
    private final String resourceKey;

    public BatchedWrites(JdbcTemplate jdbc, String projection) {
        this.jdbc = jdbc;
        this.resourceKey = BatchedWrites.class.getName() + "/" + projection;
    }

    /** Queues a statement that returns no rows and whose update count the caller does not need. */
    public void update(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(resourceKey, key -> {
            Pending pending = new Pending();
            unitOfWork.onPrepareCommit(u -> pending.flush(jdbc));
            return pending;
        }).add(sql, args);
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

    private record Statement(String sql, Object[] args) {
    }

    private static final class Pending {

        private final List<Statement> statements = new ArrayList<>();

        void add(String sql, Object[] args) {
            statements.add(new Statement(sql.strip(), args));
        }

        /**
         * pgjdbc sends the statements of one multi-statement command together and PostgreSQL runs them in
         * order; a JDBC batch would need every statement to have the same text.
         */
        void flush(JdbcTemplate jdbc) {
            for (int from = 0; from < statements.size(); from += MAX_PER_ROUND_TRIP) {
                List<Statement> chunk = statements.subList(from, Math.min(statements.size(), from + MAX_PER_ROUND_TRIP));
                StringBuilder sql = new StringBuilder();
                List<Object> args = new ArrayList<>();
                for (Statement statement : chunk) {
                    sql.append(statement.sql()).append(";\n");
                    Collections.addAll(args, statement.args());
                }
                jdbc.execute(sql.toString(), (PreparedStatement ps) -> {
                    if (ps.isWrapperFor(PGStatement.class)) {
                        // Each combined command is one of a kind: prepared on the server (the pool's default,
                        // prepareThreshold=-1) every one would stay in the backend's memory until the driver's
                        // cache evicts it; unnamed, PostgreSQL drops it after use.
                        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
                    }
                    for (int i = 0; i < args.size(); i++) {
                        if (args.get(i) == null) {
                            ps.setNull(i + 1, Types.NULL); // the server infers the type; no describe round trip
                        } else {
                            StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, args.get(i));
                        }
                    }
                    ps.execute();
                    return null;
                });
            }
            statements.clear();
        }
    }
}
