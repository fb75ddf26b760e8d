package io.settle.app.gateway.simulator;

/** Where the simulator hands its events; must not block (delivery happens elsewhere, later). */
@FunctionalInterface
public interface SimulatorEventSink {

    void publish(SimulatorEvent event);
}
