package io.settle.app.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyCacheTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final IdempotencyCache cache = new IdempotencyCache(mapper, clock);

    @Test
    void aReplayEqualsTheFirstResponseAndIsACopy() {
        ObjectNode response = mapper.createObjectNode().put("id", "pi_1").put("amount", 3000L).put("captured", true);
        response.putObject("metadata").put("booking_id", "bk-1");
        response.putNull("last_payment_error");
        cache.remember("k1", List.of("create", 3000L), response);

        ObjectNode replayed = cache.replay("k1", List.of("create", 3000L)).orElseThrow();
        assertThat(replayed).isEqualTo(response);

        replayed.put("amount", 1L);
        assertThat(cache.replay("k1", List.of("create", 3000L)).orElseThrow()).isEqualTo(response);
    }

    @Test
    void keysAreForgottenOnce24HoursOldAndTheOldestGoFirst() {
        cache.remember("k1", "r1", response("pi_1"));
        clock.advance(Duration.ofHours(1));
        cache.remember("k2", "r2", response("pi_2"));

        clock.advance(Duration.ofHours(23).minusSeconds(1));
        assertThat(cache.replay("k1", "r1")).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.replay("k1", "r1")).isEmpty();
        assertThat(cache.replay("k2", "r2")).isPresent();

        clock.advance(Duration.ofHours(1));
        cache.remember("k3", "r3", response("pi_3"));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.replay("k3", "r3").orElseThrow().get("id").asText()).isEqualTo("pi_3");
    }

    private ObjectNode response(String id) {
        return mapper.createObjectNode().put("id", id);
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
