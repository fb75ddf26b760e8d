package io.settle.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.settle.app.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Auditors read the events themselves, not a projection of them (ADMIN, under /api/v1/admin). */
@RestController
@RequestMapping("/api/v1/admin/audit")
@Tag(name = "Audit", description = "Event streams and balances re-derived from events (ADMIN)")
public class AuditController {

    public record AuditedEvent(long sequence, String type, Instant timestamp, JsonNode payload,
                               Map<String, Object> metadata) {
    }

    public record AggregateHistory(String aggregateType, String aggregateId, List<AuditedEvent> events) {
    }

    private final EventStore eventStore;
    private final ObjectMapper json;
    private final WalletHistory walletHistory;
    private final Clock clock;

    public AuditController(EventStore eventStore, ObjectMapper json, WalletHistory walletHistory, Clock clock) {
        this.eventStore = eventStore;
        this.json = json;
        this.walletHistory = walletHistory;
        this.clock = clock;
    }

    @GetMapping("/{aggregateType}/{id}/events")
    @Operation(summary = "An aggregate's whole event stream: sequence, type, timestamp, payload and metadata "
            + "(acting user, correlation id, Stripe event id). aggregateType is e.g. booking or wallet.")
    public AggregateHistory events(@PathVariable String aggregateType, @PathVariable String id) {
        String type = normalise(aggregateType);
        List<AuditedEvent> events = eventStore.readEvents(id, 0).asStream()
                .filter(e -> type.equals(e.getType()))
                .map(this::audited)
                .toList();
        if (events.isEmpty()) {
            throw ApiException.notFound(aggregateType, id);
        }
        return new AggregateHistory(type, id, events);
    }

    @GetMapping("/wallets/{userId}")
    @Operation(summary = "A user's wallets as they stood at asOf (default now), folded from the Wallet events "
            + "up to that instant, not read from a projection")
    public List<WalletHistory.WalletAsOf> wallet(@PathVariable String userId,
                                                 @RequestParam(required = false) Instant asOf) {
        return walletHistory.asOf(userId, asOf == null ? clock.instant() : asOf);
    }

    private AuditedEvent audited(DomainEventMessage<?> event) {
        return new AuditedEvent(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                event.getTimestamp(), json.valueToTree(event.getPayload()), event.getMetaData());
    }

    /** "booking", "bookings" and "Booking" all name the Booking aggregate. */
    static String normalise(String aggregateType) {
        String singular = aggregateType.endsWith("s") ? aggregateType.substring(0, aggregateType.length() - 1)
                : aggregateType;
        if (singular.isEmpty()) {
            throw ApiException.validation("aggregateType is required");
        }
        return singular.substring(0, 1).toUpperCase(Locale.ROOT) + singular.substring(1).toLowerCase(Locale.ROOT);
    }
}
