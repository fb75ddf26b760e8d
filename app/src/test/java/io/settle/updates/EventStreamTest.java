package io.settle.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.settle.booking.BookingIntegrationTest;
import io.settle.testsupport.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SSE stream pushes a user's own changes live, and a reconnect with Last-Event-ID loses nothing. */
class EventStreamTest extends BookingIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void updates_arrive_live_only_for_their_owner_and_a_reconnect_replays_the_gap() {
        String customerId = newId("cust");
        String providerId = newId("prov");
        Api customer = as(customerId, "CUSTOMER");
        Api provider = as(providerId, "PROVIDER");
        String offeringId = offering(provider, 3000);
        Stream<String> stranger = open(tokens.mint(newId("stranger"), "CUSTOMER"), null);
        List<String> strangerLines = collect(stranger);
        Stream<String> stream = open(tokens.mint(customerId, "CUSTOMER"), null);
        List<String> lines = collect(stream);

        String first = book(customer, offeringId, "pm_card_visa").json().path("id").asText();
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains(first) && l.contains("\"PAID\"")));
        assertThat(lines).anyMatch(l -> l.equals("event:booking.updated"));
        assertThat(lines).anyMatch(l -> l.equals("event:payment.updated"));
        String lastId = lines.stream().filter(l -> l.startsWith("id:")).reduce((a, b) -> b).orElseThrow().substring(3);
        stream.close();

        String second = book(customer, offeringId, "pm_card_visa").json().path("id").asText();
        customer.post("/api/v1/bookings/" + second + "/cancel", Map.of("reason", "changed plans"));
        awaitBooking(customer, second, "REFUNDED");

        List<String> resumed = collect(open(tokens.mint(customerId, "CUSTOMER"), lastId));
        await().atMost(WAIT).until(() -> resumed.stream().anyMatch(l -> l.contains(second) && l.contains("\"REFUNDED\"")));
        assertThat(resumed).anyMatch(l -> l.contains(second) && l.contains("\"REQUESTED\""));
        assertThat(resumed).noneMatch(l -> l.contains(first) && l.contains("\"REQUESTED\""));
        assertThat(strangerLines).noneMatch(l -> l.contains(first) || l.contains(second));
        assertThat(api().get("/api/v1/events/stream").status()).isEqualTo(401);
    }

    private Stream<String> open(String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).join().body();
    }

    private static List<String> collect(Stream<String> stream) {
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture.runAsync(() -> {
            try {
                stream.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        return lines;
    }
}
