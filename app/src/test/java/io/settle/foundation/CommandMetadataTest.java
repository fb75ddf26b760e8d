package io.settle.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.api.MetadataKeys;
import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A command sent while serving a request leaves who (user) and which request (correlation id) on its events. */
class CommandMetadataTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;

    @Test
    void eventCarriesTheUserAndTheGivenRequestId() {
        String aggregateId = "ping-" + UUID.randomUUID();
        String requestId = "req-" + UUID.randomUUID();

        Api.Response response = as("u-meta", "CUSTOMER").header("X-Request-Id", requestId)
                .post("/api/v1/test/pings", "{\"aggregateId\":\"" + aggregateId + "\"}");

        assertThat(response.status()).isEqualTo(201);
        DomainEventMessage<?> event = onlyEventOf(aggregateId);
        assertThat(event.getMetaData().get(MetadataKeys.USER_ID)).isEqualTo("u-meta");
        assertThat(event.getMetaData().get(MetadataKeys.CORRELATION_ID)).isEqualTo(requestId);
    }

    @Test
    void eventCarriesTheGeneratedRequestIdThatWasEchoed() {
        String aggregateId = "ping-" + UUID.randomUUID();

        Api.Response response = as("u-meta-2", "PROVIDER")
                .post("/api/v1/test/pings", "{\"aggregateId\":\"" + aggregateId + "\"}");

        assertThat(response.status()).isEqualTo(201);
        DomainEventMessage<?> event = onlyEventOf(aggregateId);
        assertThat(event.getMetaData().get(MetadataKeys.USER_ID)).isEqualTo("u-meta-2");
        assertThat(event.getMetaData().get(MetadataKeys.CORRELATION_ID))
                .isEqualTo(response.header("X-Request-Id")).isNotNull();
    }

    private DomainEventMessage<?> onlyEventOf(String aggregateId) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(aggregateId, 0).asStream().toList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
