package io.settle.command.connect;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.settle.api.DomainRuleViolation;
import io.settle.api.connect.ConnectAccountStatus;
import io.settle.api.connect.ConnectCommands.RegisterConnectAccount;
import io.settle.api.connect.ConnectCommands.UpdateConnectAccount;
import io.settle.api.connect.ConnectEvents.ConnectAccountRegistered;
import io.settle.api.connect.ConnectEvents.ConnectAccountUpdated;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A provider's Stripe Connect Express account (one per provider; the aggregate id is the provider id):
 * NOT_STARTED → ONBOARDING → RESTRICTED | ENABLED, as {@code account.updated} reports. Stripe sends those
 * in no particular order, so a report older than the last one applied changes nothing.
 */
@Aggregate
public class ConnectAccount {

    @AggregateIdentifier
    private String providerId;
    private String accountId;
    private ConnectAccountStatus status = ConnectAccountStatus.NOT_STARTED;
    private Instant lastObservedAt;
    private Snapshot last;

    private record Snapshot(boolean chargesEnabled, boolean payoutsEnabled, boolean detailsSubmitted,
                            List<String> currentlyDue, List<String> pastDue, String disabledReason) {
    }

    protected ConnectAccount() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterConnectAccount command) {
        if (accountId == null) {
            apply(new ConnectAccountRegistered(command.providerId(), command.accountId(), command.country(),
                    command.email()));
        } else if (!accountId.equals(command.accountId())) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "provider " + providerId + " already has Connect account " + accountId);
        }
    }

    @CommandHandler
    public void handle(UpdateConnectAccount command) {
        if (!accountId.equals(command.accountId())) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR,
                    "account " + command.accountId() + " does not belong to provider " + providerId);
        }
        if (lastObservedAt != null && command.observedAt().isBefore(lastObservedAt)) {
            return;
        }
        Snapshot reported = new Snapshot(command.chargesEnabled(), command.payoutsEnabled(), command.detailsSubmitted(),
                List.copyOf(command.currentlyDue()), List.copyOf(command.pastDue()), command.disabledReason());
        if (reported.equals(last)) {
            return;
        }
        apply(new ConnectAccountUpdated(providerId, accountId,
                ConnectAccountStatus.from(reported.detailsSubmitted(), reported.payoutsEnabled(), reported.pastDue(),
                        reported.disabledReason()),
                reported.chargesEnabled(), reported.payoutsEnabled(), reported.detailsSubmitted(),
                reported.currentlyDue(), reported.pastDue(), reported.disabledReason(), command.observedAt()));
    }

    @EventSourcingHandler
    void on(ConnectAccountRegistered event) {
        providerId = event.providerId();
        accountId = event.accountId();
        status = ConnectAccountStatus.ONBOARDING;
    }

    @EventSourcingHandler
    void on(ConnectAccountUpdated event) {
        status = event.status();
        lastObservedAt = event.observedAt();
        last = new Snapshot(event.chargesEnabled(), event.payoutsEnabled(), event.detailsSubmitted(),
                List.copyOf(Objects.requireNonNullElse(event.currentlyDue(), List.of())),
                List.copyOf(Objects.requireNonNullElse(event.pastDue(), List.of())), event.disabledReason());
    }
}
