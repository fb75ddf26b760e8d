package io.settle.app.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.settle.app.axon.ConcurrencyConflicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Processes stored Stripe events: claims one, routes it with {@link WebhookContext} set, and records the
 * outcome. Both the post-insert executor and the sweeper come through here.
 */
@Component
public class WebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final WebhookInbox inbox;
    private final StripeEventParser parser;
    private final StripeEventRouter router;
    private final WebhookRetryPolicy retryPolicy;
    private final Clock clock;
    private final Duration processingTimeout;
    private final int sweepBatchSize;
    private final ApplicationEventPublisher publisher;

    public WebhookProcessor(WebhookInbox inbox, StripeEventParser parser, StripeEventRouter router,
                            WebhookRetryPolicy retryPolicy, Clock clock,
                            @Value("${settle.webhooks.processing-timeout:PT5M}") Duration processingTimeout,
                            @Value("${settle.webhooks.sweep-batch-size:100}") int sweepBatchSize,
                            ApplicationEventPublisher publisher) {
        this.inbox = inbox;
        this.parser = parser;
        this.router = router;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.processingTimeout = processingTimeout;
        this.sweepBatchSize = sweepBatchSize;
        this.publisher = publisher;
    }

    /** Processes the event if it is due and nobody else holds it; otherwise does nothing. */
    public void process(String eventId) {
        Instant now = clock.instant();
        Optional<WebhookInbox.Claim> claim = inbox.claim(eventId, now, now.minus(processingTimeout));
        claim.ifPresent(this::handle);
    }

    /** Processes everything due now: events whose executor hand-off was lost (crash, full queue) and retries. */
    public int sweep() {
        Instant now = clock.instant();
        int processed = 0;
        for (String eventId : inbox.due(now, now.minus(processingTimeout), sweepBatchSize)) {
            process(eventId);
            processed++;
        }
        return processed;
    }

    private void handle(WebhookInbox.Claim claim) {
        MDC.put("stripeEventId", claim.eventId());
        String type = null;
        try {
            StripeEventEnvelope event = parser.parse(claim.payload());
            type = event.type();
            boolean handled = WebhookContext.callWith(event.id(), () -> router.route(event));
            inbox.finish(claim, handled ? InboxStatus.PROCESSED : InboxStatus.IGNORED, clock.instant());
        } catch (Exception e) {
            RetryLaterException tooEarly = retryLaterCause(e);
            if (tooEarly != null) {
                retryLater(claim, tooEarly, type);
            } else {
                log.warn("Stripe event {} failed on attempt {}: {}", claim.eventId(), claim.attempts(), describe(e), e);
                if (inbox.fail(claim, describe(e), clock.instant())) {
                    alert(claim, type, describe(e));
                }
            }
        } finally {
            MDC.remove("stripeEventId");
        }
    }

    private void retryLater(WebhookInbox.Claim claim, RetryLaterException e, String type) {
        if (retryPolicy.exhausted(claim.attempts())) {
            log.warn("Stripe event {} still too early after {} attempts; giving up: {}", claim.eventId(),
                    claim.attempts(), describe(e));
            String reason = truncate("Gave up after " + claim.attempts() + " attempts: " + describe(e));
            if (inbox.fail(claim, reason, clock.instant())) {
                alert(claim, type, reason);
            }
            return;
        }
        Duration backoff = retryPolicy.backoffAfter(claim.attempts());
        log.debug("Stripe event {} came too early (attempt {}), retrying in {}", claim.eventId(), claim.attempts(),
                backoff);
        inbox.retryAt(claim, clock.instant().plus(backoff), describe(e));
    }

    /** Tells the operators (alert mail); never lets the alert break the inbox's bookkeeping. */
    private void alert(WebhookInbox.Claim claim, String type, String error) {
        try {
            publisher.publishEvent(new WebhookMappingFailed(claim.eventId(), type, claim.attempts(), error));
        } catch (RuntimeException e) {
            log.warn("Could not raise the alert for failed Stripe event {}: {}", claim.eventId(), describe(e));
        }
    }

    /**
     * Command gateways may wrap what a handler threw; "too early" counts wherever it is in the chain. So do
     * a lost optimistic-locking race on an aggregate (another command, e.g. the synchronous capture, changed
     * it at the same moment) and a transient database error: trying again later will succeed.
     */
    static RetryLaterException retryLaterCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetryLaterException retryLater) {
                return retryLater;
            }
            if (ConcurrencyConflicts.isConflict(t) || t instanceof TransientDataAccessException) {
                return new RetryLaterException("concurrent change, trying again: " + t.getClass().getSimpleName());
            }
        }
        return null;
    }

    /** Class and message on one line, short: what an admin needs, never a stack trace. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " ").strip();
        return truncate(e.getClass().getSimpleName() + message);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
