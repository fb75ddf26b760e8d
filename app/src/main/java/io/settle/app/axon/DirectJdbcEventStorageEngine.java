package io.settle.app.axon;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.common.Assert;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;

/**
 * Axon's JPA event storage engine, except that tracking processors read the stream with plain JDBC on the
 * transaction's connection and each event's timestamp is parsed once. Every event processor reads every event
 * (fifteen of them, and eight at once in a full replay), and a replay profile put half of a processor's CPU in
 * Axon's read: Hibernate's row extraction, the timestamp parsed twice through {@code DateTimeFormatter}, and a
 * gap-aware token copied per event (docs/benchmarks.md). Appends go the same way: one JDBC batch per commit
 * instead of a Hibernate entity persisted and flushed per event (Hibernate's part of the request threads' CPU
 * under booking load, docs/benchmarks.md). Loading an aggregate reads its events and latest snapshot with
 * Axon's queries through JDBC too; storing a snapshot is Axon's.
 * <p>
 * The tracking semantics are Axon's {@code JpaEventStorageEngine#fetchTrackedEvents} (4.13) unchanged: the
 * same query, the same gap-aware token with gaps of at most {@link #MAX_GAP_OFFSET} events, gaps given up once
 * the event after them is older than {@link #GAP_TIMEOUT_MILLIS}, and a token with more than
 * {@link #GAP_CLEANING_THRESHOLD} gaps cleaned before reading. {@code DirectJdbcEventStorageEngineTest} holds it
 * to that, gaps included.
 */
public class DirectJdbcEventStorageEngine extends JpaEventStorageEngine {

    static final int MAX_GAP_OFFSET = 10_000;
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int GAP_TIMEOUT_MILLIS = 60_000;
    static final int GAP_CLEANING_THRESHOLD = 250;

    private static final Logger log = LoggerFactory.getLogger(DirectJdbcEventStorageEngine.class);
    private static final String COLUMNS = "SELECT global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry ";
    private static final String AFTER = COLUMNS + "WHERE global_index > ? ORDER BY global_index LIMIT ?";
    private static final String INSERT = "INSERT INTO domain_event_entry (global_index, type, "
            + "aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type, payload_revision, "
            + "payload, meta_data) VALUES (nextval('domain_event_entry_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String AFTER_OR_IN_GAPS = COLUMNS
            + "WHERE global_index > ? OR global_index = ANY (?) ORDER BY global_index LIMIT ?";
    private static final String DOMAIN_COLUMNS = "SELECT type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data FROM ";
    private static final String OF_AGGREGATE = DOMAIN_COLUMNS + "domain_event_entry "
            + "WHERE aggregate_identifier = ? AND sequence_number >= ? ORDER BY sequence_number LIMIT ?";
    private static final String LATEST_SNAPSHOT = DOMAIN_COLUMNS + "snapshot_event_entry "
            + "WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1";

    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;

    /**
     * @param builder      Axon's builder, set up as its auto-configuration would (serializers, upcasters,
     *                     entity manager, transaction manager); the gap settings are set here
     * @param jdbc         a template on the data source behind the entity manager, so the read runs on the
     *                     transaction's connection
     * @param transactions the transaction manager given to the builder
     */
    public DirectJdbcEventStorageEngine(JpaEventStorageEngine.Builder builder, JdbcTemplate jdbc,
                                        TransactionManager transactions) {
        super(builder.maxGapOffset(MAX_GAP_OFFSET).lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS).gapCleaningThreshold(GAP_CLEANING_THRESHOLD));
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Axon's append (the same rows, the global index from the same sequence, a duplicate aggregate sequence
     * number turned into Axon's concurrency exception by the same resolver), sent as one JDBC batch on the
     * transaction's connection instead of an entity persisted and flushed through Hibernate per event.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            try {
                jdbc.batchUpdate(INSERT, events, events.size(),
                        (statement, event) -> bind(statement, event, serializer));
            } catch (DataAccessException e) {
                handlePersistenceException(e, events.get(0));
            }
        });
    }

    /** The columns Axon's entity would hold; a plain event is stored as the first event of its own id. */
    private static void bind(PreparedStatement statement, EventMessage<?> event, Serializer serializer)
            throws SQLException {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        if (event instanceof DomainEventMessage<?> domainEvent) {
            statement.setString(1, domainEvent.getType());
            statement.setString(2, domainEvent.getAggregateIdentifier());
            statement.setLong(3, domainEvent.getSequenceNumber());
        } else {
            statement.setString(1, null);
            statement.setString(2, event.getIdentifier());
            statement.setLong(3, 0);
        }
        statement.setString(4, event.getIdentifier());
        statement.setString(5, DateTimeUtils.formatInstant(event.getTimestamp()));
        statement.setString(6, payload.getType().getName());
        statement.setString(7, payload.getType().getRevision());
        statement.setBytes(8, payload.getData());
        statement.setBytes(9, metaData.getData());
    }

    /** Axon's query for an aggregate's events, on the transaction's connection instead of through Hibernate. */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        return transactions.fetchInTransaction(() -> jdbc.query(binary(OF_AGGREGATE, aggregateIdentifier,
                firstSequenceNumber, batchSize), DirectJdbcEventStorageEngine::domainEvent));
    }

    /** Axon's query for an aggregate's latest snapshot, the same way. */
    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return transactions.fetchInTransaction(() -> jdbc.query(binary(LATEST_SNAPSHOT, aggregateIdentifier),
                DirectJdbcEventStorageEngine::domainEvent)).stream();
    }

    /** As Axon's JPA query builds it: the timestamp is parsed only if someone asks for it. */
    private static DomainEventData<byte[]> domainEvent(ResultSet row, int rowNumber) throws SQLException {
        return new GenericDomainEventEntry<>(row.getString(1), row.getString(2), row.getLong(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9));
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        Assert.isTrue(lastToken == null || lastToken instanceof GapAwareTrackingToken,
                () -> "Token [" + lastToken + "] is of the wrong type. Expected [GapAwareTrackingToken]");
        GapAwareTrackingToken previous = cleanedToken((GapAwareTrackingToken) lastToken);
        List<StoredEvent> events = transactions.fetchInTransaction(() -> read(previous, batchSize));
        List<TrackedEventData<?>> result = new ArrayList<>(events.size());
        GapAwareTrackingToken token = previous;
        for (StoredEvent event : events) {
            long index = event.globalIndex;
            boolean allowGaps = event.getTimestamp().isAfter(gapTimeoutThreshold());
            if (token == null) {
                token = GapAwareTrackingToken.newInstance(index, allowGaps
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, index), index).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet());
            } else if (index == token.getIndex() + 1 && token.getGaps().isEmpty()) {
                // what advanceTo returns here, without its copies of the (empty) gap set
                token = GapAwareTrackingToken.newInstance(index, Collections.emptySortedSet());
            } else {
                token = token.advanceTo(index, MAX_GAP_OFFSET);
                if (!allowGaps) {
                    token = token.withGapsTruncatedAt(index);
                }
            }
            result.add(new TrackedDomainEventData<>(token, event));
        }
        return result;
    }

    private List<StoredEvent> read(GapAwareTrackingToken previous, int batchSize) {
        long after = previous == null ? -1L : previous.getIndex();
        if (previous == null || previous.getGaps().isEmpty()) {
            return jdbc.query(binary(AFTER, after, batchSize), DirectJdbcEventStorageEngine::storedEvent);
        }
        return jdbc.query(connection -> {
            PreparedStatement statement = binary(connection.prepareStatement(AFTER_OR_IN_GAPS));
            Array gaps = connection.createArrayOf("bigint", previous.getGaps().toArray());
            statement.setLong(1, after);
            statement.setArray(2, gaps);
            statement.setInt(3, batchSize);
            return statement;
        }, DirectJdbcEventStorageEngine::storedEvent);
    }

    /**
     * A read of events, whose bytea payloads the driver then receives in binary from the statement's first
     * execution on a connection, about twice as fast to read as text (docs/benchmarks.md). The pool keeps the
     * driver's default for everything else (binary only once a statement is prepared on the server, from its
     * fifth execution): forced for all, it would prepare the projections' one-off combined writes on the server
     * too ({@code BatchedWrites}).
     */
    private static PreparedStatementCreator binary(String sql, Object... args) {
        return connection -> {
            PreparedStatement statement = binary(connection.prepareStatement(sql));
            new ArgumentPreparedStatementSetter(args).setValues(statement);
            return statement;
        };
    }

    private static PreparedStatement binary(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
        return statement;
    }

    private static StoredEvent storedEvent(ResultSet row, int rowNumber) throws SQLException {
        String aggregateIdentifier = row.getString(3);
        String eventIdentifier = row.getString(5);
        return new StoredEvent(row.getLong(1), row.getString(2),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier, row.getLong(4),
                eventIdentifier, row.getString(6), row.getString(7), row.getString(8), row.getBytes(9),
                row.getBytes(10));
    }

    /**
     * Axon's gap cleaning: gaps older than the gap timeout, with only old events after them, are given up.
     * Axon's query has no ORDER BY although the loop below stops at the first recent or filling row; the rows
     * are ordered here, the one deliberate difference from Axon's read.
     */
    private GapAwareTrackingToken cleanedToken(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().size() <= GAP_CLEANING_THRESHOLD) {
            return token;
        }
        SortedSet<Long> gaps = token.getGaps();
        List<Object[]> indexAndTimestamp = transactions.fetchInTransaction(() -> jdbc.query(
                "SELECT global_index, time_stamp FROM domain_event_entry WHERE global_index >= ? "
                        + "AND global_index <= ? ORDER BY global_index",
                (row, n) -> new Object[] {row.getLong(1), row.getString(2)}, gaps.first(), gaps.last() + 1L));
        Instant threshold = gapTimeoutThreshold();
        GapAwareTrackingToken cleaned = token;
        for (Object[] entry : indexAndTimestamp) {
            long index = (long) entry[0];
            try {
                Instant timestamp = StoredTimestamps.parse((String) entry[1]);
                if (cleaned.getGaps().contains(index) || timestamp.isAfter(threshold)) {
                    return cleaned; // a gap was filled, or the events are too recent: stop here
                }
                if (cleaned.getGaps().contains(index - 1)) {
                    cleaned = cleaned.withGapsTruncatedAt(index);
                }
            } catch (DateTimeParseException e) {
                log.info("Unable to parse timestamp ('{}') to clean old gaps, going on: {}", e.getParsedString(),
                        e.getMessage());
            }
        }
        return cleaned;
    }

    private static Instant gapTimeoutThreshold() {
        return GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS);
    }

    /** A row of the event table whose timestamp is parsed once, when read, instead of on every call. */
    static final class StoredEvent extends GenericDomainEventEntry<byte[]> {

        private final long globalIndex;
        private final Instant timestamp;

        StoredEvent(long globalIndex, String type, String aggregateIdentifier, long sequenceNumber,
                    String eventIdentifier, String timestamp, String payloadType, String payloadRevision,
                    byte[] payload, byte[] metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                    payload, metaData);
            this.globalIndex = globalIndex;
            this.timestamp = StoredTimestamps.parse(timestamp);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
