package io.settle.app.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import io.settle.testsupport.IntegrationTest;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The app's event storage engine against Axon's own JPA engine on the same rows: every tracked read must give
 * the same events with the same tokens, gaps included, and every append the same rows. Each case runs in a schema of its own (the search path
 * points both engines there) inside a transaction that is rolled back, so the app's processors never see it.
 */
class DirectJdbcEventStorageEngineTest extends IntegrationTest {

    @Autowired
    EventStorageEngine engine;
    @Autowired
    EntityManagerProvider entityManagerProvider;
    @Autowired
    TransactionManager axonTransactions;
    @Autowired
    PersistenceExceptionResolver persistenceExceptionResolver;
    @Autowired
    Serializer serializer;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Environment environment;

    /** What a tracked read shows a processor: the token and the event it carries. */
    record Seen(GapAwareTrackingToken token, String id, String aggregate, long sequence, Instant timestamp, String type) {
    }

    @Test
    void isTheAppsEngine() {
        assertThat(engine).isInstanceOf(DirectJdbcEventStorageEngine.class);
    }

    @Test
    void readsEventsWithBinaryTransferFromTheFirstExecution() throws Exception {
        // a fresh connection with the driver's defaults (server-side prepare, and with it binary transfer of the
        // bytea payloads, only from a statement's fifth execution): the engine asks for it from the first
        try (Connection fresh = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"))) {
            JdbcTemplate onFresh = new JdbcTemplate(new SingleConnectionDataSource(fresh, true));
            DirectJdbcEventStorageEngine reader = new DirectJdbcEventStorageEngine(JpaEventStorageEngine.builder()
                    .snapshotSerializer(serializer).eventSerializer(eventSerializer)
                    .entityManagerProvider(entityManagerProvider).transactionManager(NoTransactionManager.INSTANCE),
                    onFresh, NoTransactionManager.INSTANCE);
            String probe = "binary-probe-" + UUID.randomUUID();

            try (var stream = reader.readEvents(null, false)) {
                stream.findFirst();
            }
            reader.readEvents(probe, 0).asStream().count();
            reader.readSnapshot(probe);

            assertThat(onFresh.queryForList("SELECT statement FROM pg_prepared_statements", String.class))
                    .anyMatch(sql -> sql.contains("FROM domain_event_entry WHERE global_index >"))
                    .anyMatch(sql -> sql.contains("FROM domain_event_entry WHERE aggregate_identifier ="))
                    .anyMatch(sql -> sql.contains("FROM snapshot_event_entry WHERE aggregate_identifier ="));
        }
    }

    @Test
    void readsAContiguousStreamAsAxonDoes() {
        inOwnSchema(() -> {
            LongStream.rangeClosed(1, 250).forEach(i -> insert(i, Instant.now()));
            List<Seen> axon = read(axonEngine(), null);
            assertThat(axon).hasSize(250);
            assertThat(read(engine, null)).isEqualTo(axon);
            TrackingToken middle = tokenAt(axon, 120);
            assertThat(read(engine, middle)).isEqualTo(read(axonEngine(), middle)).hasSize(130);
        });
    }

    @Test
    void keepsRecentGapsAndDeliversTheEventsThatFillThem() {
        inOwnSchema(() -> {
            Instant now = Instant.now();
            for (long i : new long[] {1, 2, 5, 6, 9}) {
                insert(i, now);
            }
            List<Seen> first = read(engine, null);
            assertThat(first).isEqualTo(read(axonEngine(), null));
            assertThat(first.get(4).token().getIndex()).isEqualTo(9);
            assertThat(first.get(4).token().getGaps()).containsExactly(3L, 4L, 7L, 8L);

            insert(3, now);
            insert(7, now);
            insert(10, now);
            TrackingToken afterFirst = tokenAt(first, 9);
            List<Seen> filled = read(engine, afterFirst);
            assertThat(filled).isEqualTo(read(axonEngine(), afterFirst));
            assertThat(filled).extracting(Seen::id).containsExactly("event-3", "event-7", "event-10");
        });
    }

    @Test
    void givesUpGapsBeforeEventsOlderThanTheGapTimeout() {
        inOwnSchema(() -> {
            Instant old = Instant.now().minusSeconds(3600);
            for (long i : new long[] {1, 4, 8}) {
                insert(i, old);
            }
            insert(12, Instant.now());
            List<Seen> seen = read(engine, null);
            assertThat(seen).isEqualTo(read(axonEngine(), null));
            assertThat(seen.get(2).token().getGaps()).isEmpty();
            assertThat(seen.get(3).token().getGaps()).containsExactly(9L, 10L, 11L);
        });
    }

    @Test
    void cleansATokenWithManyOldGapsAsAxonDoes() {
        inOwnSchema(() -> {
            Instant old = Instant.now().minusSeconds(3600);
            insert(1, old);
            insert(400, old);
            insert(401, Instant.now());
            insert(402, Instant.now());
            TrackingToken manyGaps = GapAwareTrackingToken.newInstance(400,
                    LongStream.range(2, 400).boxed().collect(Collectors.toList()));
            List<Seen> seen = read(engine, manyGaps);
            assertThat(seen).isEqualTo(read(axonEngine(), manyGaps));
            assertThat(seen).extracting(Seen::id).containsExactly("event-401", "event-402");
            assertThat(seen.get(0).token().getIndex()).isEqualTo(401);
            assertThat(seen.get(0).token().getGaps()).isEmpty();
        });
    }

    @Test
    void readsTimestampsAxonWouldParseDifferentlyShaped() {
        inOwnSchema(() -> {
            insert(1, "2026-11-22T13:07:13.5+01:00");
            insert(2, "2026-11-22T13:07:13Z");
            List<Seen> seen = read(engine, null);
            assertThat(seen).isEqualTo(read(axonEngine(), null));
            assertThat(seen).extracting(Seen::timestamp).containsExactly(
                    Instant.parse("2026-11-22T12:07:13.500Z"), Instant.parse("2026-11-22T13:07:13Z"));
        });
    }

    /** A payload for the append tests: what Jackson writes for it is compared byte for byte. */
    record Note(String text) {
    }

    @Test
    void appendsTheRowsAxonAppends() {
        Instant at = Instant.parse("2026-11-22T10:15:30.123456789Z");
        List<EventMessage<?>> events = List.of(
                new GenericDomainEventMessage<>("Probe", "probe-a", 0, new Note("requested"),
                        MetaData.with("userId", "u1").and("correlationId", "c1"), "event-a0", at),
                new GenericDomainEventMessage<>("Probe", "probe-a", 1, new Note("paid"), MetaData.emptyInstance(),
                        "event-a1", at.plusMillis(1)),
                new GenericEventMessage<>("event-plain", new Note("plain"), MetaData.with("k", "v"),
                        at.plusMillis(2)));
        inOwnSchema(() -> {
            axonEngine().appendEvents(events);
            List<Map<String, Object>> axon = rows();
            jdbc.update("DELETE FROM domain_event_entry");
            engine.appendEvents(events);
            List<Map<String, Object>> ours = rows();

            assertThat(axon).hasSize(3);
            assertThat(withoutIndex(ours)).isEqualTo(withoutIndex(axon));
            long first = (long) ours.get(0).get("global_index");
            assertThat(ours).extracting(row -> row.get("global_index")).containsExactly(first, first + 1, first + 2);
            assertThat(first).isGreaterThan((long) axon.get(2).get("global_index"));
        });
    }

    @Test
    void aSequenceNumberTakenTwiceIsAxonsConcurrencyConflict() {
        Instant at = Instant.now();
        inOwnSchema(() -> {
            engine.appendEvents(List.of(
                    new GenericDomainEventMessage<>("Probe", "probe-b", 0, new Note("requested"), MetaData.emptyInstance(),
                            "event-b0", at),
                    new GenericDomainEventMessage<>("Probe", "probe-b", 1, new Note("paid"), MetaData.emptyInstance(),
                            "event-b1", at)));
            assertThatThrownBy(() -> engine.appendEvents(List.of(new GenericDomainEventMessage<>("Probe", "probe-b", 1,
                    new Note("paid again"), MetaData.emptyInstance(), "event-b1-other", at))))
                    .isInstanceOf(ConcurrencyException.class)
                    .isNotInstanceOf(AggregateStreamCreationException.class)
                    .satisfies(e -> assertThat(ConcurrencyConflicts.isConflict(e)).isTrue());
        });
    }

    @Test
    void readsAnAggregatesEventsAndItsLatestSnapshotAsAxonDoes() {
        Instant at = Instant.parse("2026-11-22T10:15:30.123456789Z");
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 130; i++) { // past Axon's batch of 100, with another aggregate's events in between
            events.add(new GenericDomainEventMessage<>("Probe", "probe-c", i, new Note("c" + i),
                    MetaData.with("n", i), "event-c" + i, at.plusMillis(i)));
            if (i % 10 == 0) {
                events.add(new GenericDomainEventMessage<>("Probe", "probe-d", i / 10, new Note("d" + i),
                        MetaData.emptyInstance(), "event-d" + i, at));
            }
        }
        inOwnSchema(() -> {
            engine.appendEvents(events);
            snapshot("probe-c", 50, at);
            snapshot("probe-c", 120, at.plusSeconds(1));

            assertThat(domainEvents(engine, "probe-c", 0)).hasSize(130)
                    .isEqualTo(domainEvents(axonEngine(), "probe-c", 0));
            assertThat(domainEvents(engine, "probe-c", 121)).hasSize(9)
                    .isEqualTo(domainEvents(axonEngine(), "probe-c", 121));
            assertThat(domainEvents(engine, "probe-d", 0)).hasSize(13)
                    .isEqualTo(domainEvents(axonEngine(), "probe-d", 0));
            assertThat(domainEvents(engine, "probe-none", 0)).isEmpty();

            Optional<Stored> snapshot = engine.readSnapshot("probe-c").map(DirectJdbcEventStorageEngineTest::stored);
            assertThat(snapshot).map(Stored::sequence).contains(120L);
            assertThat(snapshot).isEqualTo(axonEngine().readSnapshot("probe-c").map(DirectJdbcEventStorageEngineTest::stored));
            assertThat(engine.readSnapshot("probe-d")).isEmpty();
        });
    }

    /** What loading an aggregate sees of one of its events or its snapshot. */
    record Stored(String id, String type, String aggregate, long sequence, Instant timestamp, String payloadType,
                  Object payload, Map<String, ?> metaData) {
    }

    private static Stored stored(DomainEventMessage<?> event) {
        return new Stored(event.getIdentifier(), event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getTimestamp(), event.getPayloadType().getName(), event.getPayload(),
                Map.copyOf(event.getMetaData()));
    }

    private static List<Stored> domainEvents(EventStorageEngine storage, String aggregate, long from) {
        return storage.readEvents(aggregate, from).asStream().map(DirectJdbcEventStorageEngineTest::stored).toList();
    }

    private void snapshot(String aggregate, long sequence, Instant timestamp) {
        jdbc.update("INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
                        + "meta_data, payload, payload_revision, payload_type, time_stamp) "
                        + "VALUES (?, ?, 'Probe', ?, ?, ?, NULL, ?, ?)",
                aggregate, sequence, "snapshot-" + aggregate + "-" + sequence, "{}".getBytes(StandardCharsets.UTF_8),
                ("{\"text\":\"at " + sequence + "\"}").getBytes(StandardCharsets.UTF_8), Note.class.getName(),
                DateTimeUtils.formatInstant(timestamp));
    }

    private List<Map<String, Object>> rows() {
        return jdbc.queryForList("SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, "
                + "time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry "
                + "ORDER BY global_index");
    }

    private static List<Map<String, Object>> withoutIndex(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            copy.remove("global_index");
            copy.replaceAll((column, value) -> value instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.UTF_8) : value);
            return copy;
        }).toList();
    }

    private JpaEventStorageEngine axonEngine() {
        return JpaEventStorageEngine.builder().snapshotSerializer(serializer).eventSerializer(eventSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .entityManagerProvider(entityManagerProvider).transactionManager(axonTransactions).build();
    }

    private List<Seen> read(EventStorageEngine storage, TrackingToken from) {
        try (var stream = storage.readEvents(from, false)) {
            return stream.map(DirectJdbcEventStorageEngineTest::seen).toList();
        }
    }

    private static Seen seen(TrackedEventMessage<?> message) {
        DomainEventMessage<?> event = (DomainEventMessage<?>) message;
        return new Seen((GapAwareTrackingToken) message.trackingToken(), event.getIdentifier(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getTimestamp(), event.getPayloadType().getName());
    }

    private static TrackingToken tokenAt(List<Seen> seen, long index) {
        return seen.stream().map(Seen::token).filter(token -> token.getIndex() == index).findFirst().orElseThrow();
    }

    private void insert(long index, Instant timestamp) {
        insert(index, DateTimeUtils.formatInstant(timestamp));
    }

    private void insert(long index, String timestamp) {
        jdbc.update("INSERT INTO domain_event_entry (global_index, sequence_number, meta_data, payload, "
                        + "aggregate_identifier, event_identifier, payload_revision, payload_type, time_stamp, type) "
                        + "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, 'Probe')",
                index, index, "{}".getBytes(), "{}".getBytes(), "probe-" + (index % 3), "event-" + index,
                "io.settle.app.axon.Probe", timestamp);
    }

    /** Runs {@code work} with both engines reading an empty event table of its own, then rolls it all back. */
    private void inOwnSchema(Runnable work) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("CREATE SCHEMA direct_read_probe");
            jdbc.execute("CREATE TABLE direct_read_probe.domain_event_entry "
                    + "(LIKE public.domain_event_entry INCLUDING ALL)");
            jdbc.execute("CREATE SEQUENCE direct_read_probe.domain_event_entry_seq");
            jdbc.execute("CREATE TABLE direct_read_probe.snapshot_event_entry "
                    + "(LIKE public.snapshot_event_entry INCLUDING ALL)");
            jdbc.execute("SET LOCAL search_path TO direct_read_probe");
            try {
                work.run();
            } finally {
                status.setRollbackOnly();
            }
        });
    }
}
