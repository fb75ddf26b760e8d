package io.settle.app.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredTimestampsTest {

    @Test
    void readsWhatAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(20261122);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T13:07:13Z", "2026-11-22T13:07:13.1Z", "2026-11-22T13:07:13.120Z",
            "2026-11-22T13:07:13.123456789Z", "2026-11-22T13:07:13.000000001Z", "2024-02-29T23:59:59.999Z",
            // other shapes ISO-8601 allows: Axon's parser reads them
            "2026-11-22T13:07:13.123+01:00", "2026-11-22t13:07:13.123z", "2026-11-22T13:07Z",
            "+10000-01-01T00:00:00Z", "2026-11-22T13:07:13.123-00:30", "2026-11-22T13:07:13.Z"})
    void agreesWithAxonOnEveryShape(String stored) {
        assertThat(StoredTimestamps.parse(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T13:07:13Z", "2026-11-22T25:07:13Z",
            "2026-11-22T13:07:13.1234567890Z", "2026-11-22 13:07:13Z", "2026-1x-22T13:07:13Z", "yesterday", ""})
    void refusesWhatAxonRefuses(String stored) {
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(stored)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamps.parse(stored)).isInstanceOf(DateTimeParseException.class);
    }
}
