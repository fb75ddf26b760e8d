package io.settle.app.dev;

import io.settle.api.MetadataKeys;
import io.settle.api.Money;
import io.settle.api.booking.BookingEvents.BookingRequested;
import io.settle.api.booking.BookingEvents.PaymentCaptured;
import io.settle.api.booking.BookingEvents.PaymentIntentAttached;
import io.settle.api.booking.PaymentSource;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Embedded default only: appends synthetic, correctly serialized booking histories straight into the event
 * store so the benchmark ({@code bench/run.sh}) can time a replay of a million events without first
 * driving a million HTTP requests. Each booking is four events: {@code BookingRequested},
 * {@code PaymentIntentAttached} and {@code PaymentCaptured} on the booking's stream, and {@code EarningPending}
 * on a fresh provider's wallet stream. No saga handles any of these, so nothing acts on the world; the
 * projections (bookings, ledger, wallets, user updates) see them like any other events. Without
 * {@code FundsHeld} (which would start escrow sagas) the bookings projection shows them PAYMENT_PENDING with
 * the payment succeeded.
 * <p>
 * Rows are written with multi-row JDBC inserts, serialized with the same event serializer Axon uses, global
 * indexes taken from the event store's own sequence; call it while the app is otherwise idle. Every event
 * processor is paused while it writes (they would otherwise compete with it for the database). The sagas
 * then skip the generated events, which none of them handles, and start again; the other processors start
 * again and catch up as usual, unless the request says to leave them paused: the benchmark does, and replays
 * the projections next.
 */
@RestController
@RequestMapping("/api/v1/dev/bench")
@ConditionalOnProperty(name = "settle.dev.enabled", havingValue = "true")
@Tag(name = "Developer tools", description = "Only in the embedded default; 404 in every other mode")
public class BenchEventsController {

    private static final Logger log = LoggerFactory.getLogger(BenchEventsController.class);
    /** How long the generator waits for the sagas to reach the head, and for the read-ahead to pass its end. */
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final int ROWS_PER_INSERT = 500;
    private static final int ROWS_PER_TRANSACTION = 4_000;
    private static final String COLUMNS = "(global_index, sequence_number, meta_data, payload, aggregate_identifier,"
            + " event_identifier, payload_revision, payload_type, time_stamp, type)";

    public record GenerateRequest(
            @Min(1) @Max(2_000_000) int bookings,
            @Schema(description = "false: leave the projections paused afterwards (a replay started next rebuilds "
                    + "them from the first event without their first catching up on the new events); default true")
            Boolean resumeProjections) {
    }

    public record Generated(int bookings, long events, long firstGlobalIndex, long lastGlobalIndex, long millis) {
    }

    private record Row(long sequence, byte[] metaData, SerializedObject<byte[]> payload, String aggregateId,
                       String timestamp, String type) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Serializer serializer;
    private final Clock clock;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final EventStore eventStore;

    public BenchEventsController(JdbcTemplate jdbc, TransactionTemplate transactions,
                                 @Qualifier("eventSerializer") Serializer serializer, Clock clock,
                                 EventProcessingConfiguration processing, TokenStore tokenStore,
                                 EventStore eventStore) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.serializer = serializer;
        this.clock = clock;
    }

    @PostMapping("/events")
    @Operation(summary = "Append synthetic booking histories (4 events each) for the replay benchmark "
            + "(embedded default only)")
    public Generated generate(@Valid @RequestBody GenerateRequest request) {
        List<StreamingEventProcessor> running = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::isRunning)
                .toList();
        List<StreamingEventProcessor> sagas = running.stream().filter(this::isSaga).toList();
        running.stream().filter(p -> !isSaga(p)).forEach(StreamingEventProcessor::shutDown);
        awaitAtHead(sagas);
        TrackingToken tailing = sagas.stream().flatMap(saga -> saga.processingStatus().values().stream())
                .map(EventTrackerStatus::getTrackingToken).filter(Objects::nonNull).findFirst()
                .orElseGet(eventStore::createHeadToken);
        sagas.forEach(StreamingEventProcessor::shutDown);
        boolean resume = !Boolean.FALSE.equals(request.resumeProjections());
        try (ReadAheadFollower follower = new ReadAheadFollower(eventStore, tailing)) {
            long headBefore = head();
            Generated generated = append(request);
            if (!follower.awaitPast(generated.lastGlobalIndex(), CATCH_UP)) {
                log.warn("the event store's read-ahead did not reach the generated events' end within {}",
                        CATCH_UP);
            }
            moveSagasPast(generated, headBefore, sagas);
            return generated;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating events", e);
        } finally {
            sagas.forEach(StreamingEventProcessor::start);
            if (resume) {
                running.stream().filter(p -> !isSaga(p)).forEach(StreamingEventProcessor::start);
            }
        }
    }

    /**
     * A saga still working through a backlog (the benchmark calls this right after its load phases) could not
     * be moved past the generated events; give it up to {@link #CATCH_UP} to reach the head first.
     */
    private void awaitAtHead(List<StreamingEventProcessor> sagas) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            long head = head();
            boolean atHead = sagas.stream().flatMap(saga -> saga.processingStatus().values().stream())
                    .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head);
            if (atHead) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean isSaga(StreamingEventProcessor processor) {
        return processing.sagaConfigurations().stream()
                .anyMatch(saga -> saga.processingGroup().equals(processor.getName()));
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /**
     * No saga handles a generated event, so a saga that had read everything before them may skip them, rather
     * than read a million events it ignores while the projections replay them: on a small heap that catch-up
     * filled Axon's shared read-ahead list (docs/benchmarks.md, "Known problems"). Skipped only when the
     * generated events are exactly the indexes after the head the saga had reached, so nothing else can be
     * passed over; otherwise (a saga still behind after {@link #CATCH_UP}) the saga reads them as usual.
     */
    private void moveSagasPast(Generated generated, long headBefore, List<StreamingEventProcessor> sagas) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("LOCK TABLE domain_event_entry IN EXCLUSIVE MODE");
            long after = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index > ?",
                    Long.class, headBefore);
            boolean onlyOurs = after == generated.events() && generated.lastGlobalIndex() - headBefore == after;
            for (StreamingEventProcessor saga : sagas) {
                for (int segment : tokenStore.fetchSegments(saga.getName())) {
                    TrackingToken token;
                    try {
                        token = tokenStore.fetchToken(saga.getName(), segment);
                    } catch (UnableToClaimTokenException claimedElsewhere) {
                        continue; // another node's: it reads the generated events as usual
                    }
                    if (onlyOurs && token instanceof GapAwareTrackingToken read && read.getGaps().isEmpty()
                            && read.getIndex() == headBefore) {
                        tokenStore.storeToken(GapAwareTrackingToken.newInstance(generated.lastGlobalIndex(),
                                List.of()), saga.getName(), segment);
                    } else {
                        log.info("saga {} segment {} reads the generated events (token {}, head before {}, "
                                + "only generated events after it: {})", saga.getName(), segment, token,
                                headBefore, onlyOurs);
                    }
                    tokenStore.releaseClaim(saga.getName(), segment);
                }
            }
        });
    }

    private Generated append(GenerateRequest request) {
        long started = System.nanoTime();
        byte[] metaData = serializer.serialize(MetaData.from(Map.of(MetadataKeys.USER_ID, "bench",
                MetadataKeys.CORRELATION_ID, "bench-generator")), byte[].class).getData();
        Money price = Money.of(3000, "usd");
        Money fee = price.share(2000);
        Money share = Money.of(price.amount() - fee.amount(), price.currency());
        Instant now = clock.instant();
        String ts = DateTimeUtils.formatInstant(now);
        List<Row> rows = new ArrayList<>(ROWS_PER_TRANSACTION);
        long first = -1;
        long last = -1;
        for (int i = 0; i < request.bookings(); i++) {
            String suffix = UUID.randomUUID().toString().replace("-", "");
            String bookingId = "bk_gen" + suffix;
            String customerId = "gen_customer_" + (i % 1000);
            String providerId = "gen_provider_" + suffix;
            Instant scheduled = now.plus(Duration.ofDays(7));
            rows.add(new Row(0, metaData, serialize(new BookingRequested(bookingId, customerId, providerId,
                    "off_generated", "Generated session", price, fee, share, 2000, scheduled,
                    scheduled.plus(Duration.ofMinutes(20)), PaymentSource.CARD, null, now)), bookingId, ts, "Booking"));
            rows.add(new Row(1, metaData, serialize(new PaymentIntentAttached(bookingId, "pi_gen" + suffix, null)),
                    bookingId, ts, "Booking"));
            rows.add(new Row(2, metaData, serialize(new PaymentCaptured(bookingId, customerId, providerId,
                    "pi_gen" + suffix, "ch_gen" + suffix, price, PaymentSource.CARD, now)), bookingId, ts, "Booking"));
            String walletId = WalletId.of(providerId, "usd");
            rows.add(new Row(0, metaData, serialize(new EarningPending(walletId, providerId, bookingId, share)),
                    walletId, ts, "Wallet"));
            if (rows.size() >= ROWS_PER_TRANSACTION || i == request.bookings() - 1) {
                long[] range = write(rows);
                first = first < 0 ? range[0] : first;
                last = range[1];
                rows.clear();
            }
        }
        return new Generated(request.bookings(), 4L * request.bookings(), first, last,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private SerializedObject<byte[]> serialize(Object payload) {
        return serializer.serialize(payload, byte[].class);
    }

    /** One transaction: global indexes from the sequence, then multi-row inserts. */
    private long[] write(List<Row> rows) {
        return transactions.execute(status -> {
            // Appends that take a global index after ours wait until we commit: otherwise a later index
            // committed before ours shows tracking processors a gap of thousands of events, which every
            // token copies while it lasts (it exhausted a 512 MiB heap in the benchmark). Readers are not blocked.
            jdbc.execute("LOCK TABLE domain_event_entry IN EXCLUSIVE MODE");
            List<Long> indexes = jdbc.queryForList(
                    "SELECT nextval('domain_event_entry_seq') FROM generate_series(1, ?)", Long.class, rows.size());
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                int to = Math.min(rows.size(), from + ROWS_PER_INSERT);
                StringBuilder sql = new StringBuilder("INSERT INTO domain_event_entry ").append(COLUMNS).append(" VALUES ");
                List<Object> args = new ArrayList<>((to - from) * 10);
                for (int r = from; r < to; r++) {
                    Row row = rows.get(r);
                    sql.append(r == from ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?)");
                    args.add(indexes.get(r));
                    args.add(row.sequence());
                    args.add(row.metaData());
                    args.add(row.payload().getData());
                    args.add(row.aggregateId());
                    args.add(UUID.randomUUID().toString());
                    args.add(row.payload().getType().getRevision());
                    args.add(row.payload().getType().getName());
                    args.add(row.timestamp());
                    args.add(row.type());
                }
                jdbc.update(sql.toString(), args.toArray());
            }
            return new long[] {indexes.get(0), indexes.get(indexes.size() - 1)};
        });
    }
}
