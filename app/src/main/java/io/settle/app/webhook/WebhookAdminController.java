package io.settle.app.webhook;

import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/webhooks")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin: Stripe webhooks", description = "The webhook inbox: failed mappings and their retries (ADMIN)")
public class WebhookAdminController {

    public record WebhookView(String eventId, String type, String endpoint, String account, InboxStatus status,
                              int attempts, String lastError, Instant receivedAt, Instant processedAt,
                              Instant nextAttemptAt) {
        static WebhookView of(WebhookInbox.Entry entry) {
            return new WebhookView(entry.eventId(), entry.type(), entry.endpoint().column(), entry.account(),
                    entry.status(), entry.attempts(), entry.lastError(), entry.receivedAt(), entry.processedAt(),
                    entry.nextAttemptAt());
        }
    }

    public record WebhookList(List<WebhookView> items) {
    }

    private final WebhookInbox inbox;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    public WebhookAdminController(WebhookInbox inbox, WebhookDispatcher dispatcher, Clock clock) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "List stored Stripe events, newest first",
            description = "e.g. ?status=FAILED for the mappings that need attention.")
    public WebhookList list(
            @Parameter(description = "RECEIVED, PROCESSING, PROCESSED, IGNORED, RETRY or FAILED; all if absent")
            @RequestParam(required = false) InboxStatus status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return new WebhookList(inbox.list(status, limit).stream().map(WebhookView::of).toList());
    }

    @PostMapping("/{eventId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Process a FAILED (or RETRY / IGNORED) event again",
            description = "Resets it to RECEIVED with a fresh attempt budget and processes it asynchronously.",
            responses = {
                    @ApiResponse(responseCode = "202", description = "Queued; the event as it is now"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such event"),
                    @ApiResponse(responseCode = "409", description = "INVALID_STATE: processed, or queued already")})
    public WebhookView retry(@PathVariable String eventId) {
        if (!inbox.requeue(eventId, clock.instant())) {
            WebhookInbox.Entry entry = inbox.find(eventId)
                    .orElseThrow(() -> ApiException.notFound("Stripe event", eventId));
            throw ApiException.conflict(ErrorCodes.INVALID_STATE,
                            "Stripe event " + eventId + " is " + entry.status() + "; only FAILED, RETRY or IGNORED "
                                    + "events can be retried")
                    .with("status", entry.status());
        }
        dispatcher.dispatchAfterCommit(eventId);
        WebhookInbox.Entry queued = inbox.find(eventId).orElseThrow();
        return WebhookView.of(queued);
    }
}
