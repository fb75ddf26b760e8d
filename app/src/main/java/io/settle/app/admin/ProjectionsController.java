package io.settle.app.admin;

import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each event processor's state on this node, and replays. A replay resets a projection's tokens so it is
 * rebuilt from the first event; its reset handler clears its tables first. Sagas are never replayed: they
 * act on the world (Stripe calls, commands).
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Admin")
public class ProjectionsController {

    public record ProcessorStatus(String name, String mode, boolean saga, boolean replayable, int segmentsClaimed,
                                  Long position, long head, Long lag, boolean replaying, boolean caughtUp,
                                  boolean error) {
    }

    public record ReplayStarted(String name, String status) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProjectionsController(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @GetMapping
    @Operation(summary = "Every processing group: mode, segments claimed here, position vs head (lag in events), "
            + "replaying or not")
    public List<ProcessorStatus> list() {
        long head = head();
        return new TreeMap<>(processing.eventProcessors()).values().stream()
                .map(processor -> status(processor, head)).toList();
    }

    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild a projection from the first event (progress in GET /api/v1/admin/projections); "
            + "409 for sagas and for processors that act on the world (mail, outgoing webhooks): see `replayable`")
    public ReplayStarted replay(@PathVariable String name) {
        EventProcessor processor = processing.eventProcessor(name)
                .orElseThrow(() -> ApiException.notFound("projection", name));
        if (!replayable(processor)) {
            throw ApiException.conflict(ErrorCodes.INVALID_STATE, name + " cannot be replayed");
        }
        StreamingEventProcessor streaming = (StreamingEventProcessor) processor;
        streaming.shutDown();
        try {
            streaming.resetTokens();
        } finally {
            streaming.start();
        }
        return new ReplayStarted(name, "REPLAYING");
    }

    private ProcessorStatus status(EventProcessor processor, long head) {
        String name = processor.getName();
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProcessorStatus(name, "subscribing", isSaga(name), false, 0, null, head, 0L, false, true, false);
        }
        Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
        Long position = segments.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).min(Long::compare).orElse(null);
        Long lag = position == null ? null : Math.max(0, head - position);
        // Axon keeps a replay token until an event beyond the reset point arrives; at the head it is rebuilt
        boolean replaying = lag != null && lag > 0
                && segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
        boolean caughtUp = lag != null && lag == 0;
        boolean error = segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
        return new ProcessorStatus(name, modeOf(processor), isSaga(name), replayable(processor), segments.size(),
                position, head, lag, replaying, caughtUp, error);
    }

    /** Sagas act on the world, and so do handlers without a reset handler (mail, outgoing webhooks). */
    private boolean replayable(EventProcessor processor) {
        return !isSaga(processor.getName()) && processor instanceof StreamingEventProcessor streaming
                && streaming.supportsReset();
    }

    private long head() {
        TrackingToken token = eventStore.createHeadToken();
        return token == null ? -1 : token.position().orElse(-1);
    }

    private boolean isSaga(String name) {
        return processing.sagaConfigurations().stream().anyMatch(saga -> saga.processingGroup().equals(name));
    }

    private static String modeOf(EventProcessor processor) {
        String type = processor.getClass().getSimpleName();
        return type.startsWith("Pooled") ? "pooled" : type.startsWith("Tracking") ? "tracking" : type;
    }
}
