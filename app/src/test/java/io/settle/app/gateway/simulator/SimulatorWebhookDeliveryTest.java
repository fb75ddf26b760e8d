package io.settle.app.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.settle.app.gateway.simulator.SimulatorWebhookDelivery.DeliveredEvent;
import io.settle.saga.payment.CreatePaymentIntent;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorWebhookDeliveryTest {

    private static final String SECRET = "whsec_sim_delivery_test_secret";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<Duration> FAST_BACKOFF = List.of(Duration.ofMillis(20), Duration.ofMillis(20),
            Duration.ofMillis(20));

    private final StripeJson json = new StripeJson(new ObjectMapper());
    private final ObjectMapper mapper = new ObjectMapper();
    private WebhookTestServer server;
    private SimulatorWebhookDelivery delivery;

    @BeforeEach
    void start() throws Exception {
        server = new WebhookTestServer();
        delivery = delivery(server.webhookUri(), FAST_BACKOFF);
    }

    @AfterEach
    void stop() {
        delivery.close();
        server.close();
    }

    private static SimulatorWebhookDelivery delivery(URI endpoint, List<Duration> backoff) {
        return new SimulatorWebhookDelivery(endpoint, new WebhookSigner(SECRET, Clock.systemUTC()), Duration.ZERO,
                backoff);
    }

    private SimulatorEvent event(String type, String objectId) {
        return json.event(type, mapper.createObjectNode().put("id", objectId).put("object", "payment_intent"),
                Instant.now());
    }

    private List<String> receivedEventIds() {
        return server.received().stream().map(received -> {
            try {
                return mapper.readTree(received.body()).get("id").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void postsEachEventSignedSoThatStripeJavaAcceptsIt() throws Exception {
        SimulatedStripe stripe = new SimulatedStripe(delivery, Clock.systemUTC());
        String intentId = stripe.createPaymentIntent(new CreatePaymentIntent(3000, "usd", "pm_card_visa", "Session",
                "bk-1", Map.of("booking_id", "bk-1"), "k1")).get("id").asText();

        delivery.awaitIdle(WAIT);

        assertThat(server.received()).hasSize(1);
        WebhookTestServer.Received received = server.received().get(0);
        assertThat(received.contentType()).isEqualTo("application/json; charset=utf-8");
        Event event = Webhook.constructEvent(received.body(), received.signature(), SECRET);
        assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
        assertThat(mapper.readTree(received.body()).at("/data/object/id").asText()).isEqualTo(intentId);
        assertThat(delivery.delivered()).containsExactly(
                new DeliveredEvent(event.getId(), "payment_intent.succeeded", 1));
        assertThat(delivery.abandoned()).isEmpty();
    }

    @Test
    void remembersOnlyTheLatestDeliveries() {
        List<SimulatorEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < SimulatorWebhookDelivery.KEPT_DELIVERIES + 3; i++) {
            events.add(event("payment_intent.succeeded", "pi_" + i));
        }
        events.forEach(delivery::publish);

        delivery.awaitIdle(Duration.ofSeconds(60));

        List<DeliveredEvent> delivered = delivery.delivered();
        assertThat(delivered).hasSize(SimulatorWebhookDelivery.KEPT_DELIVERIES);
        assertThat(delivered.get(0).id()).isEqualTo(events.get(3).id());
        assertThat(delivered.get(delivered.size() - 1).id()).isEqualTo(events.get(events.size() - 1).id());
    }

    @Test
    void theFirstAttemptWaitsForItsDelay() {
        SimulatorWebhookDelivery delayed = new SimulatorWebhookDelivery(server.webhookUri(),
                new WebhookSigner(SECRET, Clock.systemUTC()), Duration.ofSeconds(2), FAST_BACKOFF);
        try {
            long start = System.nanoTime();
            delayed.publish(event("payment_intent.succeeded", "pi_1"));

            assertThat(server.received()).isEmpty();
            delayed.awaitIdle(WAIT);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(server.received()).hasSize(1);
        } finally {
            delayed.close();
        }
    }

    @Test
    void retriesAfterServerErrorsUntilAccepted() throws Exception {
        server.answerNext(500, 503);
        SimulatorEvent event = event("payment_intent.succeeded", "pi_1");

        delivery.publish(event);
        delivery.awaitIdle(WAIT);

        assertThat(server.received()).hasSize(3);
        for (WebhookTestServer.Received received : server.received()) {
            assertThat(received.body()).isEqualTo(event.payload());
            assertThat(Webhook.constructEvent(received.body(), received.signature(), SECRET).getId())
                    .isEqualTo(event.id());
        }
        assertThat(delivery.delivered()).containsExactly(new DeliveredEvent(event.id(), event.type(), 3));
    }

    @Test
    void retriesAfterConnectionErrorsUntilTheEndpointAnswers() throws Exception {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/webhooks/stripe");
        }
        SimulatorWebhookDelivery retrying = delivery(closedPort, Collections.nCopies(20, Duration.ofMillis(50)));
        try {
            SimulatorEvent event = event("charge.refunded", "ch_1");
            retrying.publish(event);
            Thread.sleep(150);
            retrying.setEndpoint(server.webhookUri());

            retrying.awaitIdle(WAIT);

            assertThat(server.received()).hasSize(1);
            assertThat(retrying.delivered()).hasSize(1);
            assertThat(retrying.delivered().get(0).id()).isEqualTo(event.id());
            assertThat(retrying.delivered().get(0).attempt()).isGreaterThanOrEqualTo(2);
        } finally {
            retrying.close();
        }
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        server.answerAlways(500);
        SimulatorEvent event = event("payment_intent.succeeded", "pi_1");

        delivery.publish(event);
        delivery.awaitIdle(WAIT);

        assertThat(server.received()).hasSize(1 + FAST_BACKOFF.size());
        assertThat(delivery.delivered()).isEmpty();
        assertThat(delivery.abandoned()).containsExactly(event);
    }

    @Test
    void copiesDeliverTheSameEventSeveralTimes() {
        delivery.setCopies(3);
        SimulatorEvent event = event("payment_intent.succeeded", "pi_1");

        delivery.publish(event);
        delivery.awaitIdle(WAIT);

        assertThat(receivedEventIds()).containsExactly(event.id(), event.id(), event.id());
        assertThat(delivery.delivered()).extracting(DeliveredEvent::id).containsExactly(event.id(), event.id(),
                event.id());
    }

    @Test
    void holdQueuesEventsAndReleaseSendsThemInTheOrderShuffledBySeed() {
        delivery.hold();
        List<SimulatorEvent> events = IntStream.rangeClosed(1, 6)
                .mapToObj(i -> event("payment_intent.succeeded", "pi_" + i)).toList();

        events.forEach(delivery::publish);
        delivery.awaitIdle(WAIT);

        assertThat(server.received()).isEmpty();
        assertThat(delivery.heldCount()).isEqualTo(6);

        delivery.release(42);
        delivery.awaitIdle(WAIT);

        List<String> expected = new ArrayList<>(events.stream().map(SimulatorEvent::id).toList());
        Collections.shuffle(expected, new Random(42));
        assertThat(expected).isNotEqualTo(events.stream().map(SimulatorEvent::id).toList());
        assertThat(receivedEventIds()).containsExactlyElementsOf(expected);
        assertThat(delivery.delivered()).extracting(DeliveredEvent::id).containsExactlyElementsOf(expected);
        assertThat(delivery.heldCount()).isZero();
    }

    @Test
    void releasedCopiesAreShuffledTogether() {
        delivery.setCopies(2);
        delivery.hold();
        SimulatorEvent first = event("payment_intent.succeeded", "pi_1");
        SimulatorEvent second = event("charge.refunded", "ch_1");
        delivery.publish(first);
        delivery.publish(second);

        delivery.release(7);
        delivery.awaitIdle(WAIT);

        List<String> expected = new ArrayList<>(List.of(first.id(), first.id(), second.id(), second.id()));
        Collections.shuffle(expected, new Random(7));
        assertThat(receivedEventIds()).containsExactlyElementsOf(expected);
    }

    @Test
    void awaitIdleFailsWhenDeliveriesAreStillUnfinished() {
        server.answerAlways(500);
        SimulatorWebhookDelivery slow = delivery(server.webhookUri(), List.of(Duration.ofSeconds(30)));
        try {
            slow.publish(event("payment_intent.succeeded", "pi_1"));

            assertThatThrownBy(() -> slow.awaitIdle(Duration.ofMillis(200)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("1 webhook deliveries still unfinished after PT0.2S");
        } finally {
            slow.close();
        }
    }

    @Test
    void resetGoesBackToSingleCopiesAndForgetsDeliveries() {
        delivery.setCopies(3);
        delivery.publish(event("payment_intent.succeeded", "pi_1"));
        delivery.awaitIdle(WAIT);

        delivery.reset();
        SimulatorEvent event = event("payment_intent.succeeded", "pi_2");
        delivery.publish(event);
        delivery.awaitIdle(WAIT);

        assertThat(server.received()).hasSize(4);
        assertThat(delivery.delivered()).containsExactly(new DeliveredEvent(event.id(), event.type(), 1));
    }
}
