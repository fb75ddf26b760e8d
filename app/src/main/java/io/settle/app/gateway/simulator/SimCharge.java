package io.settle.app.gateway.simulator;

import java.time.Instant;
import java.util.Map;

/** The successful Charge of a simulated PaymentIntent, with its running refunded total. */
final class SimCharge {

    final String id;
    final SimPaymentIntent paymentIntent;
    final String paymentMethod;
    final Instant created;
    long amountRefunded;
    /** The charge's dispute, if the customer disputed it (one per charge, as at Stripe). */
    String disputeId;
    long disputeAmount;
    String disputeReason;
    String disputeStatus;
    Instant disputeCreated;

    SimCharge(String id, SimPaymentIntent paymentIntent, String paymentMethod, Instant created) {
        this.id = id;
        this.paymentIntent = paymentIntent;
        this.paymentMethod = paymentMethod;
        this.created = created;
    }

    long amount() {
        return paymentIntent.amount;
    }

    String currency() {
        return paymentIntent.currency;
    }

    Map<String, String> metadata() {
        return paymentIntent.metadata;
    }

    long refundable() {
        return amount() - amountRefunded;
    }

    boolean fullyRefunded() {
        return amountRefunded >= amount();
    }
}
