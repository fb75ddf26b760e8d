package io.settle.app.notify;

import io.settle.api.booking.BookingEvents.BookingRequested;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChanged;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionStarted;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Facts an event does not carry itself (who booked, the session's title and time, a subscription's plan),
 * read from the aggregate's own event stream: the source of truth, never behind the event being handled,
 * whatever any projection's lag.
 */
@Component
public class DomainFacts {

    /** A subscription as of its latest plan: its first period start tells a renewal from the first charge. */
    public record SubscriptionFacts(String subscriptionId, String subscriberId, String planName,
                                    Instant firstPeriodStart, String providerId) {
    }

    private final EventStore eventStore;

    public DomainFacts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<BookingRequested> booking(String bookingId) {
        DomainEventStream stream = eventStore.readEvents(bookingId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof BookingRequested requested) {
                return Optional.of(requested);
            }
        }
        return Optional.empty();
    }

    public Optional<SubscriptionFacts> subscription(String subscriptionId) {
        DomainEventStream stream = eventStore.readEvents(subscriptionId, 0);
        SubscriptionFacts facts = null;
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof SubscriptionStarted started) {
                facts = new SubscriptionFacts(subscriptionId, started.subscriberId(), started.planName(),
                        started.currentPeriodStart(), started.providerId());
            } else if (payload instanceof SubscriptionPlanChanged changed && facts != null) {
                facts = new SubscriptionFacts(subscriptionId, facts.subscriberId(), changed.planName(),
                        facts.firstPeriodStart(), facts.providerId());
            }
        }
        return Optional.ofNullable(facts);
    }
}
