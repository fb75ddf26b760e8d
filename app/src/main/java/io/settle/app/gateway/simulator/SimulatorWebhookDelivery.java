package io.settle.app.gateway.simulator;

import io.settle.app.config.BackgroundThreads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the simulator's events, signed, to our own webhook endpoint the way Stripe does: later, on a
 * background thread, retrying failures with backoff, so each event arrives at least once.
 *
 * <p>One sender thread posts first attempts in the order they were queued (so a shuffled {@link #release}
 * arrives in that shuffled order); retries are rescheduled on the same thread after their backoff.
 *
 * <p>Test knobs: {@link #setCopies}, {@link #hold}, {@link #release}, {@link #delivered}, {@link #awaitIdle}.
 */
public class SimulatorWebhookDelivery implements SimulatorEventSink, AutoCloseable {

    /** One successful POST: the event, and the attempt (1 = first try) that got a 2xx. */
    public record DeliveredEvent(String id, String type, int attempt) {
    }

    public static final Duration DEFAULT_FIRST_ATTEMPT_DELAY = Duration.ofMillis(50);

    /** How many of the latest successful deliveries {@link #delivered} remembers. */
    public static final int KEPT_DELIVERIES = 10_000;

    /** Waits before attempts 2..8: 8 attempts over about 32 s. */
    public static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
            Duration.ofSeconds(16));

    private static final Logger log = LoggerFactory.getLogger(SimulatorWebhookDelivery.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final WebhookSigner signer;
    private final Duration firstAttemptDelay;
    private final List<Duration> backoff;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ScheduledExecutorService sender = BackgroundThreads.singleDaemon("stripe-simulator-webhooks");
    private volatile URI endpoint;

    private final Object lock = new Object();
    private int copies = 1;
    private boolean holding;
    private final List<SimulatorEvent> held = new ArrayList<>();
    /** Deliveries queued, in flight or waiting for a retry. */
    private int unfinished;
    /** The latest {@link #KEPT_DELIVERIES}: a test knob that must not grow for as long as the app runs. */
    private final ArrayDeque<DeliveredEvent> delivered = new ArrayDeque<>();
    private final List<SimulatorEvent> abandoned = new ArrayList<>();
    /** Events queued or waiting for a retry (not yet delivered nor given up on), in the order published. */
    private final List<SimulatorEvent> undelivered = new ArrayList<>();

    /**
     * @param endpoint          where to POST; may be null until the web server's port is known
     *                          ({@link #setEndpoint})
     * @param firstAttemptDelay how long after publishing the first attempt goes out; a little lets the API
     *                          call that produced the event return first, as it nearly always does with Stripe
     * @param backoff           the waits between attempts; its size + 1 is the number of attempts
     */
    public SimulatorWebhookDelivery(URI endpoint, WebhookSigner signer, Duration firstAttemptDelay,
                                    List<Duration> backoff) {
        this.endpoint = endpoint;
        this.signer = signer;
        this.firstAttemptDelay = firstAttemptDelay;
        this.backoff = List.copyOf(backoff);
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    @Override
    public void publish(SimulatorEvent event) {
        synchronized (lock) {
            for (int copy = 0; copy < copies; copy++) {
                if (holding) {
                    held.add(event);
                } else {
                    send(event);
                }
            }
        }
    }

    /** Delivers every event {@code n} times from now on (Stripe may deliver an event more than once). */
    public void setCopies(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("copies must be at least 1, not " + n);
        }
        synchronized (lock) {
            copies = n;
        }
    }

    /** Queues events (with their copies) instead of sending them, until {@link #release}. */
    public void hold() {
        synchronized (lock) {
            holding = true;
        }
    }

    /** Stops holding and sends everything held in an order shuffled by {@code seed} (same seed, same order). */
    public void release(long seed) {
        synchronized (lock) {
            List<SimulatorEvent> batch = new ArrayList<>(held);
            Collections.shuffle(batch, new Random(seed));
            sendHeld(batch);
        }
    }

    /** Back to one copy, not holding (anything held is sent in its original order), empty lists. */
    public void reset() {
        synchronized (lock) {
            copies = 1;
            sendHeld(new ArrayList<>(held));
            delivered.clear();
            abandoned.clear();
        }
    }

    /** The latest {@link #KEPT_DELIVERIES} successful deliveries in the order they happened, copies included. */
    public List<DeliveredEvent> delivered() {
        synchronized (lock) {
            return List.copyOf(delivered);
        }
    }

    /** Events given up on after the last attempt failed. */
    public List<SimulatorEvent> abandoned() {
        synchronized (lock) {
            return List.copyOf(abandoned);
        }
    }

    /**
     * Events not yet delivered: held, queued, in flight or waiting for a retry. After {@link #close} these
     * are what Stripe would still deliver; a restart test hands them to the next instance's delivery.
     */
    public List<SimulatorEvent> undelivered() {
        synchronized (lock) {
            List<SimulatorEvent> out = new ArrayList<>(undelivered);
            out.addAll(held);
            return out;
        }
    }

    /** How many event copies {@link #hold} is keeping back. */
    public int heldCount() {
        synchronized (lock) {
            return held.size();
        }
    }

    /**
     * Blocks until no delivery is queued, in flight or waiting for a retry (held events don't count: they
     * wait for {@link #release}).
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}
     */
    public void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (unfinished > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(unfinished + " webhook deliveries still unfinished after "
                            + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for webhook deliveries", e);
                }
            }
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }

    private void sendHeld(List<SimulatorEvent> batch) {
        holding = false;
        held.clear();
        batch.forEach(this::send);
    }

    /** Called under the lock. */
    private void send(SimulatorEvent event) {
        unfinished++;
        undelivered.add(event);
        schedule(event, 1, firstAttemptDelay);
    }

    private void schedule(SimulatorEvent event, int attempt, Duration delay) {
        try {
            sender.schedule(() -> attempt(event, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("Simulator webhook {} ({}) dropped: delivery is shut down", event.id(), event.type());
            synchronized (lock) {
                unfinished--;
                lock.notifyAll();
            }
        }
    }

    private void attempt(SimulatorEvent event, int attempt) {
        String failure;
        try {
            int status = post(event);
            if (status >= 200 && status < 300) {
                finish(new DeliveredEvent(event.id(), event.type(), attempt), null);
                return;
            }
            failure = "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (lock) {
                unfinished--;
                lock.notifyAll();
            }
            return;
        }
        if (attempt <= backoff.size()) {
            log.debug("Simulator webhook {} ({}) attempt {} failed: {}", event.id(), event.type(), attempt, failure);
            schedule(event, attempt + 1, backoff.get(attempt - 1));
        } else {
            log.error("Simulator webhook {} ({}) abandoned after {} attempts; last failure: {}", event.id(),
                    event.type(), attempt, failure);
            finish(null, event);
        }
    }

    /** Called under the lock. */
    private SimulatorEvent findById(String id) {
        for (SimulatorEvent event : undelivered) {
            if (event.id().equals(id)) {
                return event;
            }
        }
        return null;
    }

    private int post(SimulatorEvent event) throws IOException, InterruptedException {
        URI target = endpoint;
        if (target == null) {
            throw new IOException("webhook endpoint not known yet (web server not started)");
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                .header(WebhookSigner.HEADER, signer.header(event.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(event.payload(), StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void finish(DeliveredEvent success, SimulatorEvent givenUp) {
        synchronized (lock) {
            undelivered.remove(success == null ? givenUp : findById(success.id()));
            if (success != null) {
                if (delivered.size() == KEPT_DELIVERIES) {
                    delivered.removeFirst();
                }
                delivered.addLast(success);
            }
            if (givenUp != null) {
                abandoned.add(givenUp);
            }
            unfinished--;
            lock.notifyAll();
        }
    }
}
