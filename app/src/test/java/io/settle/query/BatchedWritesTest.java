package io.settle.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.settle.testsupport.IntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The projections' write-behind: what it queues runs in order, in the batch's transaction, or not at all. */
class BatchedWritesTest extends IntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private TransactionManager transactions;

    private BatchedWrites writes;
    private String key;

    @BeforeEach
    void table() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS batched_writes_test (id varchar(64) PRIMARY KEY, v int, note text)");
        writes = new BatchedWrites(jdbc, "test");
        key = UUID.randomUUID().toString();
    }

    @AfterEach
    void noBatchLeftOpen() {
        while (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().rollback();
        }
    }

    @Test
    void queued_statements_of_different_shapes_run_in_order_when_the_unit_of_work_commits() {
        UnitOfWork<?> batch = startBatch();
        writes.update("INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key + "a", 1);
        writes.update("UPDATE batched_writes_test SET v = v * 10 WHERE id = ?", key + "a");
        writes.update("INSERT INTO batched_writes_test (id, v, note) VALUES (?, ?, ?)", key + "b", 2, null);
        writes.update("UPDATE batched_writes_test SET v = v + 1, note = ? WHERE id = ?", "after", key + "a");

        assertThat(rowsSeenByAnotherConnection()).isEmpty();
        batch.commit();

        assertThat(rowsSeenByAnotherConnection()).containsExactly(
                Map.of("id", key + "a", "v", 11, "note", "after"), row(key + "b", 2));
    }

    @Test
    void flush_makes_queued_writes_visible_to_a_read_in_the_same_batch() {
        UnitOfWork<?> batch = startBatch();
        writes.update("INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key, 7);
        assertThat(jdbc.queryForList("SELECT v FROM batched_writes_test WHERE id = ?", Integer.class, key)).isEmpty();

        writes.flush();

        assertThat(jdbc.queryForList("SELECT v FROM batched_writes_test WHERE id = ?", Integer.class, key))
                .containsExactly(7);
        batch.commit();
        assertThat(rowsSeenByAnotherConnection()).containsExactly(row(key, 7));
    }

    @Test
    void a_failing_statement_rolls_the_whole_batch_back() {
        UnitOfWork<?> batch = startBatch();
        writes.update("INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key, 1);
        writes.update("INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key, 2); // same key

        assertThatThrownBy(batch::commit).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(rowsSeenByAnotherConnection()).isEmpty();
    }

    @Test
    void a_combined_command_leaves_no_prepared_statement_on_the_server() {
        // each combined command is one of a kind: prepared, it would stay in the backend's memory (about 90 MiB in
        // one backend after 300 of them, docs/benchmarks.md) until the driver's cache let it go
        UnitOfWork<?> batch = startBatch();
        writes.update("INSERT INTO batched_writes_test (v, id) VALUES (?, ?)", 1, key);
        writes.update("UPDATE batched_writes_test SET note = ? WHERE id = ? AND v = 1", "combined", key);
        writes.flush();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_prepared_statements WHERE statement IN (?, ?)",
                Long.class, "INSERT INTO batched_writes_test (v, id) VALUES ($1, $2)",
                "UPDATE batched_writes_test SET note = $1 WHERE id = $2 AND v = 1"))
                .as("statements named on the batch's connection").isZero();
        batch.commit();
        assertThat(rowsSeenByAnotherConnection()).containsExactly(Map.of("id", key, "v", 1, "note", "combined"));
    }

    @Test
    void statements_of_one_row_run_in_the_order_queued_and_a_statement_of_no_row_sees_all_before_it() {
        UnitOfWork<?> batch = startBatch();
        writes.updateRow(key + "a", "INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key + "a", 1);
        writes.updateRow(key + "b", "INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key + "b", 2);
        writes.updateRow(key + "a", "UPDATE batched_writes_test SET v = v * 10 WHERE id = ?", key + "a");
        writes.updateRow(key + "b", "UPDATE batched_writes_test SET v = v * 10 WHERE id = ?", key + "b");
        writes.updateRow(key + "a", "UPDATE batched_writes_test SET v = v + ? WHERE id = ?", 3, key + "a");
        writes.update("""
                UPDATE batched_writes_test SET note = (SELECT string_agg(v::text, ',' ORDER BY id)
                  FROM batched_writes_test WHERE id LIKE ?) WHERE id LIKE ?""", key + "%", key + "%");
        writes.updateRow(key + "b", "UPDATE batched_writes_test SET v = v + ? WHERE id = ?", 5, key + "b");

        batch.commit();

        assertThat(rowsSeenByAnotherConnection()).containsExactly(
                Map.of("id", key + "a", "v", 13, "note", "13,20"), Map.of("id", key + "b", "v", 25, "note", "13,20"));
    }

    @Test
    void a_failing_row_statement_rolls_the_whole_batch_back() {
        UnitOfWork<?> batch = startBatch();
        writes.update("INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key + "a", 1);
        writes.updateRow(key + "b", "INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key + "b", 2);
        writes.updateRow(key + "b", "INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key + "b", 3);

        assertThatThrownBy(batch::commit).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(rowsSeenByAnotherConnection()).isEmpty();
    }

    @Test
    void a_row_statement_is_prepared_once_on_its_connection_and_reused_by_later_batches() throws SQLException {
        // PostgreSQL parses and plans an unnamed statement at every execution: about half of its work for a
        // booking's insert and updates (docs/benchmarks.md)
        try (Connection connection = dataSource.getConnection()) {
            BatchedWrites onOneConnection = new BatchedWrites(
                    new JdbcTemplate(new SingleConnectionDataSource(connection, true)), "test");
            for (int i = 0; i < 10; i++) {
                UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
                for (String row : List.of(key + i + "a", key + i + "b")) {
                    onOneConnection.updateRow(row, "INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", row, i);
                    onOneConnection.updateRow(row, "UPDATE batched_writes_test SET note = ? WHERE id = ?", "x", row);
                }
                batch.commit();
            }

            List<String> texts = List.of("INSERT INTO batched_writes_test (id, v) VALUES ($1, $2)",
                    "UPDATE batched_writes_test SET note = $1 WHERE id = $2");
            assertThat(new JdbcTemplate(new SingleConnectionDataSource(connection, true)).queryForList(
                    "SELECT statement FROM pg_prepared_statements WHERE statement IN (?, ?) ORDER BY statement",
                    String.class, texts.toArray()))
                    .as("statements named on the connection").isEqualTo(texts);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batched_writes_test WHERE id LIKE ? AND note = 'x'",
                Long.class, key + "%")).isEqualTo(20);
    }

    @Test
    void the_pool_bounds_what_the_driver_keeps_of_the_one_of_a_kind_combined_commands() throws SQLException {
        // pgjdbc keeps every statement a connection parsed, up to 5 MiB (its estimate) by default: about 3 MiB of
        // heap per connection once the combined commands fill it, docs/benchmarks.md
        assertThat(dataSource.unwrap(HikariDataSource.class).getDataSourceProperties())
                .containsEntry("preparedStatementCacheSizeMiB", "1");
    }

    @Test
    void outside_a_unit_of_work_a_write_runs_at_once() {
        writes.update("INSERT INTO batched_writes_test (id, v) VALUES (?, ?)", key, 3);

        assertThat(rowsSeenByAnotherConnection()).containsExactly(row(key, 3));
    }

    @Test
    void consecutive_rows_of_one_insert_go_as_one_statement_in_queue_order() {
        RecordingJdbcTemplate recording = new RecordingJdbcTemplate(dataSource);
        BatchedWrites recorded = new BatchedWrites(recording, "test");
        UnitOfWork<?> batch = startBatch();
        recorded.insert(ROW, key + "a", 1, null);
        recorded.insert(ROW, key + "b", 2, "b");
        recorded.insert(ROW, key + "a", 99, "ignored: the first a stays");
        recorded.update("UPDATE batched_writes_test SET v = v * 10 WHERE id = ?", key + "a");
        recorded.insert(ROW, key + "c", 3, null);

        batch.commit();

        assertThat(recording.statements).singleElement().asString().containsSubsequence(
                "INSERT INTO batched_writes_test (id, v, note) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?) ON CONFLICT (id) DO NOTHING;",
                "UPDATE batched_writes_test SET v = v * 10 WHERE id = ?;",
                "INSERT INTO batched_writes_test (id, v, note) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING;");
        assertThat(rowsSeenByAnotherConnection()).containsExactly(
                row(key + "a", 10), Map.of("id", key + "b", "v", 2, "note", "b"), row(key + "c", 3));
    }

    @Test
    void rows_beyond_what_one_command_may_carry_are_split_and_all_written() {
        // 12,000 rows of 3 values: more parameters than pgjdbc sends in one command (32,767)
        UnitOfWork<?> batch = startBatch();
        for (int i = 0; i < 12_000; i++) {
            writes.insert(ROW, key + i, i, null);
        }
        batch.commit();

        Map<String, Object> written = jdbc.queryForMap(
                "SELECT count(*) AS n, sum(v) AS total FROM batched_writes_test WHERE id LIKE ?", key + "%");
        assertThat(written).containsEntry("n", 12_000L).containsEntry("total", 71_994_000L);
    }

    @Test
    void an_insert_outside_a_unit_of_work_runs_at_once_and_a_row_of_the_wrong_width_is_refused() {
        writes.insert(ROW, key, 4, null);
        assertThat(rowsSeenByAnotherConnection()).containsExactly(row(key, 4));

        assertThatThrownBy(() -> writes.insert(ROW, key, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values expected");
    }

    private static final BatchedWrites.Insert ROW = new BatchedWrites.Insert("batched_writes_test (id, v, note)", 3,
            "ON CONFLICT (id) DO NOTHING");

    /** Records the commands sent; BatchedWrites sends each round trip through this method. */
    private static final class RecordingJdbcTemplate extends JdbcTemplate {

        private final List<String> statements = new ArrayList<>();

        RecordingJdbcTemplate(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public <T> T execute(String sql, PreparedStatementCallback<T> action) {
            statements.add(sql);
            return super.execute(sql, action);
        }
    }

    private UnitOfWork<?> startBatch() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        return unitOfWork;
    }

    private static Map<String, Object> row(String id, int v) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("v", v);
        row.put("note", null);
        return row;
    }

    /** Read through a connection of its own, outside the batch's transaction. */
    private List<Map<String, Object>> rowsSeenByAnotherConnection() {
        try (Connection connection = dataSource.getConnection()) {
            return new JdbcTemplate(new SingleConnectionDataSource(connection, true)).queryForList(
                    "SELECT id, v, note FROM batched_writes_test WHERE id LIKE ? ORDER BY id", key + "%");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
