package io.settle.app.gateway.simulator;

import java.time.Instant;
import java.util.Map;

/** A simulated PaymentIntent. Mutable; only touched under {@link SimulatedStripe}'s lock. */
final class SimPaymentIntent {

    final String id;
    final String clientSecret;
    final long amount;
    final String currency;
    final String description;
    final String transferGroup;
    final Map<String, String> metadata;
    final Instant created;
    String status = "requires_payment_method";
    String paymentMethod;
    String latestChargeId;
    TestPaymentMethods.Decline lastPaymentError;
    Instant canceledAt;
    String cancellationReason;

    SimPaymentIntent(String id, long amount, String currency, String description, String transferGroup,
                     Map<String, String> metadata, Instant created) {
        this.id = id;
        this.clientSecret = SimulatorIds.clientSecret(id);
        this.amount = amount;
        this.currency = currency;
        this.description = description;
        this.transferGroup = transferGroup;
        this.metadata = metadata;
        this.created = created;
    }

    long amountReceived() {
        return "succeeded".equals(status) ? amount : 0;
    }
}
