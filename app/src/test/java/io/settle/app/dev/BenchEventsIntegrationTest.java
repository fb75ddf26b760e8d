package io.settle.app.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The replay benchmark's generator writes events that Axon reads back and the projections handle. */
class BenchEventsIntegrationTest extends IntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void generatedBookingHistoriesAreReadByTheProjectionsLikeAnyOtherEvents() {
        long before = count("SELECT count(*) FROM domain_event_entry");

        Api.Response response = api().post("/api/v1/dev/bench/events", Map.of("bookings", 5));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode generated = response.json();
        assertThat(generated.path("events").asLong()).isEqualTo(20);
        assertThat(generated.path("lastGlobalIndex").asLong() - generated.path("firstGlobalIndex").asLong())
                .isEqualTo(19);
        assertThat(count("SELECT count(*) FROM domain_event_entry")).isEqualTo(before + 20);
        String firstBooking = jdbc.queryForObject("SELECT aggregate_identifier FROM domain_event_entry"
                + " WHERE global_index = ?", String.class, generated.path("firstGlobalIndex").asLong());
        // the bookings projection deserialized BookingRequested and PaymentCaptured; the wallets projection
        // EarningPending on the generated provider's wallet stream
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // no FundsHeld is generated (it would start escrow sagas), so the status stays PAYMENT_PENDING
            assertThat(jdbc.queryForList("SELECT status || ' ' || payment_status FROM bookings WHERE id = ?",
                    String.class, firstBooking)).containsExactly("PAYMENT_PENDING succeeded");
            assertThat(count("SELECT count(*) FROM wallet_transactions WHERE reference = '" + firstBooking
                    + "' AND type = 'EARNING_PENDING'")).isEqualTo(1);
        });
    }

    @Test
    void leavesOnlyTheNonSagaProcessorsPausedWhenAskedAndMovesTheSagasPastTheGeneratedEvents() {
        List<StreamingEventProcessor> sagas = processors(true);
        List<StreamingEventProcessor> others = processors(false);
        assertThat(sagas).isNotEmpty().allMatch(StreamingEventProcessor::isRunning);
        assertThat(others).extracting(StreamingEventProcessor::getName).contains("bookings", "notifications");
        long head = count("SELECT max(global_index) FROM domain_event_entry");
        await().atMost(Duration.ofSeconds(30)).until(() -> sagas.stream().allMatch(saga -> position(saga) >= head));
        try {
            Api.Response response = api().post("/api/v1/dev/bench/events",
                    Map.of("bookings", 5, "resumeProjections", false));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            long last = response.json().path("lastGlobalIndex").asLong();
            assertThat(sagas).allMatch(StreamingEventProcessor::isRunning);
            // moved there by the generator, before they were started again: they never read the events
            assertThat(sagas).allMatch(saga -> position(saga) >= last, "at or past " + last);
            assertThat(others).noneMatch(StreamingEventProcessor::isRunning);
        } finally {
            others.forEach(StreamingEventProcessor::start); // the context is shared with the other tests
        }
    }

    /** The lowest position any of the processor's segments has reached, from the token store. */
    private long position(StreamingEventProcessor processor) {
        Long position = jdbc.queryForObject("SELECT min(convert_from(token, 'UTF8')::json ->> 'index')::bigint "
                + "FROM token_entry WHERE processor_name = ?", Long.class, processor.getName());
        return position == null ? -1 : position;
    }

    private List<StreamingEventProcessor> processors(boolean saga) {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::isRunning)
                .filter(p -> saga == processing.sagaConfigurations().stream()
                        .anyMatch(config -> config.processingGroup().equals(p.getName())))
                .toList();
    }

    @Test
    void refusesAnEmptyOrHugeRequest() {
        long before = count("SELECT count(*) FROM domain_event_entry");

        assertThat(api().post("/api/v1/dev/bench/events", Map.of("bookings", 0)).status()).isEqualTo(400);
        assertThat(api().post("/api/v1/dev/bench/events", Map.of("bookings", 5_000_000)).status()).isEqualTo(400);

        assertThat(count("SELECT count(*) FROM domain_event_entry")).isEqualTo(before);
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
