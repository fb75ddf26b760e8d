package io.settle.app.outgoing;

import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Outgoing webhooks to the marketplace app: endpoints, their delivery log, redelivery. ADMIN only. */
@RestController
@Validated
@RequestMapping("/api/v1/admin")
@Tag(name = "Outgoing webhooks", description = "Signed event deliveries to the marketplace app (ADMIN)")
public class WebhookEndpointsController {

    public record EndpointRequest(@NotBlank @Size(max = 2048) String url,
                                  @NotEmpty @Size(max = 50) List<@NotNull String> events) {
    }

    /** {@code secret} only in the answer to the creating POST. */
    public record EndpointResponse(String id, String url, List<String> events, boolean enabled, Instant createdAt,
                                   String secret) {
    }

    public record DeliveryResponse(String id, String endpointId, String eventId, String eventType, String status,
                                   int attempts, Instant firstAttemptAt, Instant nextAttemptAt, Integer lastStatusCode,
                                   String lastError, Instant createdAt, Instant deliveredAt,
                                   List<OutgoingWebhookStore.Attempt> log, String payload) {
    }

    private final OutgoingWebhookStore store;
    private final Clock clock;

    public WebhookEndpointsController(OutgoingWebhookStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @PostMapping("/webhook-endpoints")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register an endpoint for event types (e.g. booking.paid); the answer carries its signing "
            + "secret, shown only this once",
            description = "400 VALIDATION_ERROR for a URL that is not absolute http(s) or an unknown event type. "
                    + "Known types: booking.paid, booking.payment_failed, booking.cancelled, booking.disputed, "
                    + "booking.dispute_resolved, booking.released, booking.fulfilment_failed, booking.refunded, "
                    + "booking.refund_failed, payout.paid, payout.failed, subscription.created, "
                    + "subscription.plan_changed, subscription.invoice_paid, subscription.payment_failed, "
                    + "subscription.past_due, subscription.canceled.")
    public EndpointResponse create(@Valid @RequestBody EndpointRequest body) {
        String url = validUrl(body.url());
        List<String> events = validEvents(body.events());
        String id = "we_" + UUID.randomUUID().toString().replace("-", "");
        String secret = WebhookSignatures.newSecret();
        Instant now = clock.instant();
        store.createEndpoint(new OutgoingWebhookStore.Endpoint(id, url, events, secret, true, now, null));
        return new EndpointResponse(id, url, events, true, now, secret);
    }

    @GetMapping("/webhook-endpoints")
    @Operation(summary = "Registered endpoints (without their secrets)")
    public List<EndpointResponse> list() {
        return store.endpoints().stream()
                .map(e -> new EndpointResponse(e.id(), e.url(), e.events(), e.enabled(), e.createdAt(), null))
                .toList();
    }

    @DeleteMapping("/webhook-endpoints/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an endpoint: nothing more is sent to it, pending deliveries are canceled, "
            + "its delivery log stays readable")
    public void delete(@PathVariable String id) {
        if (!store.deleteEndpoint(id, clock.instant())) {
            throw ApiException.notFound("webhook endpoint", id);
        }
    }

    @GetMapping("/webhook-endpoints/{id}/deliveries")
    @Operation(summary = "The endpoint's deliveries, newest first, each with its attempt log")
    public List<DeliveryResponse> deliveries(@PathVariable String id,
                                             @RequestParam(required = false) DeliveryStatus status,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        store.endpoint(id).orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
        return store.deliveries(id, status == null ? null : status.name(), limit).stream()
                .map(d -> response(d, false)).toList();
    }

    @GetMapping("/webhook-deliveries/{id}")
    @Operation(summary = "One delivery with its payload and attempt log")
    public DeliveryResponse delivery(@PathVariable String id) {
        return response(store.delivery(id).orElseThrow(() -> ApiException.notFound("webhook delivery", id)), true);
    }

    @PostMapping("/webhook-deliveries/{id}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a delivery again now (same event id and payload, fresh signature and a fresh 3-day "
            + "retry window), whatever its status; 409 CONFLICT while it is being sent or if its endpoint was deleted")
    public DeliveryResponse redeliver(@PathVariable String id) {
        store.delivery(id).orElseThrow(() -> ApiException.notFound("webhook delivery", id));
        if (!store.redeliver(id, clock.instant())) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT,
                    "delivery " + id + " is being sent right now, or its endpoint was deleted");
        }
        return response(store.delivery(id).orElseThrow(), false);
    }

    public enum DeliveryStatus {
        PENDING, SENDING, DELIVERED, FAILED, CANCELED
    }

    private DeliveryResponse response(OutgoingWebhookStore.Delivery d, boolean withPayload) {
        return new DeliveryResponse(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                d.firstAttemptAt(), d.nextAttemptAt(), d.lastStatusCode(), d.lastError(), d.createdAt(), d.deliveredAt(),
                store.attempts(d.id()), withPayload ? store.payload(d.id()).orElse(null) : null);
    }

    static String validUrl(String raw) {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw invalid("url", "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("url", "must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("url", "must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("url", "must not have a fragment");
        }
        return uri.toString();
    }

    static List<String> validEvents(List<String> events) {
        List<String> unknown = new ArrayList<>();
        LinkedHashSet<String> valid = new LinkedHashSet<>();
        for (String event : events) {
            if (OutgoingEventType.fromWireName(event).isPresent()) {
                valid.add(event);
            } else {
                unknown.add(event);
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid("events", "unknown event type(s) " + unknown + "; known: "
                    + Arrays.stream(OutgoingEventType.values()).map(OutgoingEventType::wireName).toList());
        }
        return List.copyOf(valid);
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.validation(field + ": " + message)
                .with("errors", List.of(java.util.Map.of("field", field, "message", message)));
    }
}
