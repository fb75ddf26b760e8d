package io.settle.app.gateway.simulator;

/** A Stripe event as it goes over the wire: {@code payload} is the exact JSON body that gets signed. */
public record SimulatorEvent(String id, String type, String payload) {
}
