package io.settle.app.outgoing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Delivers due webhook deliveries: a signed POST per delivery, 2xx is success; anything else (other status,
 * timeout, refused connection) is retried with exponential backoff (base doubling, capped) until the retry
 * window, 3 days after the first attempt by default, has passed; then FAILED. Every attempt is logged.
 * At least once: a crash after the receiver's 2xx and before the DELIVERED mark sends the event again,
 * with the same event id.
 */
@Component
public class OutgoingWebhookSender {

    private static final Logger log = LoggerFactory.getLogger(OutgoingWebhookSender.class);
    private static final int MAX_ERROR_BODY = 300;

    private final OutgoingWebhookStore store;
    private final Clock clock;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration window;
    private final Duration timeout;
    private final Duration claimTimeout;
    private final int batchSize;
    private final HttpClient http;

    public OutgoingWebhookSender(OutgoingWebhookStore store, Clock clock,
                                 @Value("${settle.outgoing-webhooks.retry-base-delay:PT1M}") Duration baseDelay,
                                 @Value("${settle.outgoing-webhooks.retry-max-delay:PT6H}") Duration maxDelay,
                                 @Value("${settle.outgoing-webhooks.retry-window:PT72H}") Duration window,
                                 @Value("${settle.outgoing-webhooks.timeout:PT10S}") Duration timeout,
                                 @Value("${settle.outgoing-webhooks.claim-timeout:PT5M}") Duration claimTimeout,
                                 @Value("${settle.outgoing-webhooks.batch-size:20}") int batchSize) {
        this.store = store;
        this.clock = clock;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.window = window;
        this.timeout = timeout;
        this.claimTimeout = claimTimeout;
        this.batchSize = batchSize;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Wait after the {@code attempts}-th failed attempt: base × 2^(attempts-1), capped. */
    public Duration delayAfter(int attempts) {
        Duration delay = baseDelay;
        for (int i = 1; i < attempts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    public int sendDue() {
        Instant now = clock.instant();
        List<OutgoingWebhookStore.Claimed> claimed = store.claimDue(now, now.minus(claimTimeout), batchSize);
        for (OutgoingWebhookStore.Claimed delivery : claimed) {
            send(delivery);
        }
        return claimed.size();
    }

    private void send(OutgoingWebhookStore.Claimed delivery) {
        Optional<OutgoingWebhookStore.Endpoint> endpoint = store.endpoint(delivery.endpointId());
        if (endpoint.isEmpty() || endpoint.get().deletedAt() != null || !endpoint.get().enabled()) {
            store.release(delivery, "CANCELED", clock.instant(), null, "endpoint deleted or disabled");
            return;
        }
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.get().url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Settle-Webhooks/1")
                    .header("Settle-Event-Id", delivery.eventId())
                    .header("Settle-Event-Type", delivery.eventType())
                    .header(WebhookSignatures.HEADER, WebhookSignatures.header(endpoint.get().secret(),
                            started.getEpochSecond(), delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status < 200 || status >= 300) {
                String body = response.body() == null ? "" : response.body();
                error = "HTTP " + status + (body.isBlank() ? "" : ": " + abbreviate(body));
            }
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (IllegalArgumentException e) {
            error = "invalid URL: " + e.getMessage();
        }
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        Instant now = clock.instant();
        store.logAttempt(delivery, started, status, error, durationMs);
        if (error == null) {
            store.delivered(delivery, status, now);
            return;
        }
        Instant first = delivery.firstAttemptAt() == null ? started : delivery.firstAttemptAt();
        Instant next = now.plus(delayAfter(delivery.attempts()));
        if (next.isAfter(first.plus(window))) {
            log.warn("Webhook delivery {} ({} to {}) failed for good after {} attempt(s): {}", delivery.id(),
                    delivery.eventType(), endpoint.get().url(), delivery.attempts(), error);
            store.release(delivery, "FAILED", now, status, error);
        } else {
            log.info("Webhook delivery {} attempt {} failed ({}); next attempt at {}", delivery.id(),
                    delivery.attempts(), error, next);
            store.release(delivery, "PENDING", next, status, error);
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_ERROR_BODY ? oneLine : oneLine.substring(0, MAX_ERROR_BODY) + "…";
    }
}
