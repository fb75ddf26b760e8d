package io.settle.app.gateway.simulator;

import java.time.Instant;
import java.util.Map;

/** A simulated embedded-mode Checkout Session in payment mode. */
final class SimCheckoutSession {

    final String id;
    final String clientSecret;
    final long amountTotal;
    final String currency;
    final String productName;
    final String returnUrl;
    final String transferGroup;
    final Map<String, String> metadata;
    final Instant created;
    String status = "open";
    String paymentStatus = "unpaid";
    String paymentIntentId;

    SimCheckoutSession(String id, long amountTotal, String currency, String productName, String returnUrl,
                       String transferGroup, Map<String, String> metadata, Instant created) {
        this.id = id;
        this.clientSecret = SimulatorIds.clientSecret(id);
        this.amountTotal = amountTotal;
        this.currency = currency;
        this.productName = productName;
        this.returnUrl = returnUrl;
        this.transferGroup = transferGroup;
        this.metadata = metadata;
        this.created = created;
    }
}
