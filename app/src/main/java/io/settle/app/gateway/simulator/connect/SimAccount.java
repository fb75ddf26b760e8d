package io.settle.app.gateway.simulator.connect;

import io.settle.saga.payout.ConnectGateway.ConnectedAccount;
import java.util.List;
import java.util.Map;

/** A simulated Express account; changed only under the SimulatedConnect lock. */
final class SimAccount {

    final String id;
    final String country;
    final String email;
    final Map<String, String> metadata;
    boolean chargesEnabled;
    boolean payoutsEnabled;
    boolean detailsSubmitted;
    List<String> currentlyDue = List.of("business_type", "external_account", "tos_acceptance.date");
    List<String> pastDue = List.of();
    String disabledReason = "requirements.past_due";

    SimAccount(String id, String country, String email, Map<String, String> metadata) {
        this.id = id;
        this.country = country;
        this.email = email;
        this.metadata = metadata;
    }

    ConnectedAccount view() {
        return new ConnectedAccount(id, chargesEnabled, payoutsEnabled, detailsSubmitted);
    }
}
