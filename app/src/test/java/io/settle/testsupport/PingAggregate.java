package io.settle.testsupport;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** Test-only aggregate: every {@link Ping} appends one {@link Pinged}, so tests can write real events. */
@Aggregate
public class PingAggregate {

    public record Ping(@TargetAggregateIdentifier String id) {
    }

    public record Pinged(String id, int number) {
    }

    @AggregateIdentifier
    private String id;
    private int pings;

    protected PingAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(Ping command) {
        apply(new Pinged(command.id(), pings + 1));
    }

    @EventSourcingHandler
    void on(Pinged event) {
        id = event.id();
        pings = event.number();
    }
}
