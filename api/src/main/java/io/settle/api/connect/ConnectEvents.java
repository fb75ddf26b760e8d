package io.settle.api.connect;

import java.time.Instant;
import java.util.List;

public final class ConnectEvents {

    private ConnectEvents() {
    }

    public record ConnectAccountRegistered(String providerId, String accountId, String country, String email) {
    }

    public record ConnectAccountUpdated(String providerId, String accountId, ConnectAccountStatus status,
                                        boolean chargesEnabled, boolean payoutsEnabled, boolean detailsSubmitted,
                                        List<String> currentlyDue, List<String> pastDue, String disabledReason,
                                        Instant observedAt) {
    }
}
