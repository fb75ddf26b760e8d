package io.settle.app.gateway.simulator;

import java.time.Instant;
import java.util.Map;

/** Simulated refunds succeed at once, as card refunds do in Stripe test mode. */
record SimRefund(String id, SimCharge charge, long amount, String reason, Map<String, String> metadata,
                 Instant created) {

    static final String STATUS = "succeeded";
}
