package io.settle.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Claims as several app instances would make them, on the real PostgreSQL. The rows are due only in the
 * far future (each test passes its own "now"), so the application's own sweeper never touches them.
 */
class WebhookInboxClaimTest extends IntegrationTest {

    private static final Instant FUTURE = Instant.now().plus(Duration.ofDays(3650));
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Autowired
    WebhookInbox inbox;
    @Autowired
    JdbcTemplate jdbc;

    private final String eventId = "evt_claim_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void removeRow() {
        jdbc.update("DELETE FROM stripe_webhook_inbox WHERE event_id = ?", eventId);
    }

    @Test
    void ofManySimultaneousClaimsExactlyOneWins() throws Exception {
        storeDueAt(FUTURE);
        int workers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            Callable<Optional<WebhookInbox.Claim>> claim = () -> {
                start.await();
                return inbox.claim(eventId, FUTURE, FUTURE.minus(TIMEOUT));
            };
            List<Future<Optional<WebhookInbox.Claim>>> results =
                    IntStream.range(0, workers).mapToObj(i -> pool.submit(claim)).toList();
            start.countDown();
            long winners = 0;
            for (Future<Optional<WebhookInbox.Claim>> result : results) {
                winners += result.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(inbox.find(eventId).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void anEventIsNotClaimedBeforeItIsDue() {
        storeDueAt(FUTURE);
        Instant before = FUTURE.minusSeconds(1);
        assertThat(inbox.claim(eventId, before, before.minus(TIMEOUT))).isEmpty();
        assertThat(inbox.find(eventId).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
    }

    @Test
    void aStaleClaimIsTakenOverAndItsFormerHolderCanNoLongerRecordAnOutcome() {
        storeDueAt(FUTURE);
        WebhookInbox.Claim first = inbox.claim(eventId, FUTURE, FUTURE.minus(TIMEOUT)).orElseThrow();

        Instant withinTimeout = FUTURE.plus(TIMEOUT).minusSeconds(1);
        assertThat(inbox.claim(eventId, withinTimeout, withinTimeout.minus(TIMEOUT))).isEmpty();

        Instant afterTimeout = FUTURE.plus(TIMEOUT).plusSeconds(1);
        WebhookInbox.Claim second = inbox.claim(eventId, afterTimeout, afterTimeout.minus(TIMEOUT)).orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);

        assertThat(inbox.finish(first, InboxStatus.PROCESSED, afterTimeout)).isFalse();
        assertThat(inbox.fail(first, "late", afterTimeout)).isFalse();
        assertThat(inbox.finish(second, InboxStatus.IGNORED, afterTimeout)).isTrue();
        assertThat(inbox.find(eventId).orElseThrow().status()).isEqualTo(InboxStatus.IGNORED);
    }

    private void storeDueAt(Instant dueAt) {
        StripeEventEnvelope event = new StripeEventEnvelope(eventId, "payment_intent.succeeded", null, null, false,
                null, null);
        assertThat(inbox.store(WebhookEndpoint.PAYMENTS, event, "{\"id\":\"" + eventId + "\"}", dueAt)).isTrue();
        assertThat(inbox.store(WebhookEndpoint.PAYMENTS, event, "{}", dueAt)).as("a duplicate").isFalse();
    }
}
