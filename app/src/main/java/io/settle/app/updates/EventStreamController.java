package io.settle.app.updates;

import io.settle.api.updates.UserUpdates.FindUserUpdates;
import io.settle.api.updates.UserUpdates.UserUpdate;
import io.settle.app.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of the caller's own records, from an Axon subscription query on the update log.
 * Each event's id is its row in that log: reconnecting with {@code Last-Event-ID} first replays what was
 * missed, then continues live. Without it the stream starts from now.
 */
@RestController
@Tag(name = "Live updates")
public class EventStreamController {

    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

    private final QueryGateway queries;

    public EventStreamController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping(value = "/api/v1/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "booking.updated, payment.updated, wallet.updated, payout.updated and "
            + "subscription.updated for your own records; reconnect with Last-Event-ID to get what you missed")
    public SseEmitter stream(@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        String userId = CurrentUser.get().id();
        long after = parse(lastEventId);
        SseEmitter emitter = new SseEmitter(TIMEOUT);
        AtomicLong lastSent = new AtomicLong(after);
        SubscriptionQueryResult<List<UserUpdate>, UserUpdate> result = queries.subscriptionQuery(
                new FindUserUpdates(userId, after), ResponseTypes.multipleInstancesOf(UserUpdate.class),
                ResponseTypes.instanceOf(UserUpdate.class));
        emitter.onCompletion(result::cancel);
        emitter.onTimeout(result::cancel);
        emitter.onError(e -> result.cancel());
        try {
            // open the stream at once (headers flushed) and tell clients how soon to reconnect
            emitter.send(SseEmitter.event().comment("open").reconnectTime(3000));
        } catch (IOException e) {
            result.cancel();
            return emitter;
        }
        result.handle(initial -> initial.forEach(update -> send(emitter, update, lastSent, result)),
                update -> send(emitter, update, lastSent, result));
        return emitter;
    }

    /** Updates may arrive twice (replayed and live) or out of order at the seam: send each id once, in order. */
    private static synchronized void send(SseEmitter emitter, UserUpdate update, AtomicLong lastSent,
                                          SubscriptionQueryResult<?, ?> result) {
        if (update.id() <= lastSent.get()) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().id(Long.toString(update.id())).name(update.type())
                    .data(Map.of("type", update.type(), "reference", update.reference(),
                            "status", update.status() == null ? "" : update.status(), "at", update.at().toString()),
                            MediaType.APPLICATION_JSON));
            lastSent.set(update.id());
        } catch (IOException | IllegalStateException e) {
            result.cancel(); // the client went away
        }
    }

    private static long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
