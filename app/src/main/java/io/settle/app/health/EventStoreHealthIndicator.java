package io.settle.app.health;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP when the event store (JPA tables or Axon Server) answers for its head position. */
@Component("eventStore")
public class EventStoreHealthIndicator implements HealthIndicator {

    private final EventStore eventStore;

    public EventStoreHealthIndicator(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Health health() {
        try {
            TrackingToken head = eventStore.createHeadToken();
            return Health.up()
                    .withDetail("engine", eventStore.getClass().getSimpleName())
                    .withDetail("head", head == null ? -1 : head.position().orElse(-1))
                    .build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
