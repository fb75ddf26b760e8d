package io.settle.api.connect;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the ConnectAccount aggregate, one per provider (its id is the provider's user id). */
public final class ConnectCommands {

    private ConnectCommands() {
    }

    /** Records the Express account created at Stripe; a repeat for the same account is a no-op. */
    public record RegisterConnectAccount(@TargetAggregateIdentifier String providerId, String accountId,
                                         String country, String email) {
    }

    /** What an {@code account.updated} event reported at {@code observedAt}; older reports are ignored. */
    public record UpdateConnectAccount(@TargetAggregateIdentifier String providerId, String accountId,
                                       boolean chargesEnabled, boolean payoutsEnabled, boolean detailsSubmitted,
                                       List<String> currentlyDue, List<String> pastDue, String disabledReason,
                                       Instant observedAt) {
    }
}
