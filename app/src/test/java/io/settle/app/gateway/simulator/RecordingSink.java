package io.settle.app.gateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the simulator publishes, for assertions. */
final class RecordingSink implements SimulatorEventSink {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<SimulatorEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(SimulatorEvent event) {
        events.add(event);
    }

    List<SimulatorEvent> events() {
        return List.copyOf(events);
    }

    List<String> types() {
        return events.stream().map(SimulatorEvent::type).toList();
    }

    JsonNode json(int index) {
        try {
            return MAPPER.readTree(events.get(index).payload());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        events.clear();
    }
}
