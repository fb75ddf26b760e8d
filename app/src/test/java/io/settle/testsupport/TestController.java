package io.settle.testsupport;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoints (component-scanned into every test context) that exercise the cross-cutting
 * pieces: who am I, a counter that shows how often a POST really executed, and a command dispatch.
 */
@RestController
@RequestMapping("/api/v1/test")
public class TestController {

    /** {@code failUntil}: answer 500 while the counter is at or below it (after counting the attempt). */
    public record CounterRequest(@NotBlank String name, Integer step, Integer failUntil) {
    }

    public record CounterResponse(String name, int count) {
    }

    public record PingRequest(@NotBlank String aggregateId) {
    }

    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final CommandGateway commandGateway;

    public TestController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @GetMapping("/me")
    public Map<String, Object> me(Authentication authentication) {
        return Map.of("userId", authentication.getName(), "authorities",
                authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
    }

    @PostMapping("/counters")
    @ResponseStatus(HttpStatus.CREATED)
    public CounterResponse increment(@Valid @RequestBody CounterRequest request) {
        int count = counters.computeIfAbsent(request.name(), n -> new AtomicInteger())
                .addAndGet(request.step() == null ? 1 : request.step());
        if (request.failUntil() != null && count <= request.failUntil()) {
            throw new IllegalStateException("test failure for counter " + request.name());
        }
        return new CounterResponse(request.name(), count);
    }

    @GetMapping("/counters/{name}")
    public CounterResponse counter(@PathVariable String name) {
        AtomicInteger count = counters.get(name);
        return new CounterResponse(name, count == null ? 0 : count.get());
    }

    @PostMapping("/pings")
    @ResponseStatus(HttpStatus.CREATED)
    public PingRequest ping(@Valid @RequestBody PingRequest request) {
        commandGateway.sendAndWait(new PingAggregate.Ping(request.aggregateId()));
        return request;
    }
}
