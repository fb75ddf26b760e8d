package io.settle.app.gateway.simulator.billing;

import io.settle.app.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Embedded default only: the simulator's Stripe Billing test clock. */
@RestController
@RequestMapping("/api/v1/dev/simulator/clock")
@ConditionalOnProperty(name = "settle.dev.enabled", havingValue = "true")
@ConditionalOnProperty(name = "settle.stripe.gateway", havingValue = "simulator")
@Tag(name = "Developer tools", description = "Only in the embedded default; 404 in every other mode")
public class SimulatorClockController {

    public record Advance(@Schema(description = "ISO-8601 duration", example = "P31D") @NotNull Duration duration) {
    }

    public record ClockTime(Instant now) {
    }

    private final SimulatedBilling billing;

    public SimulatorClockController(SimulatedBilling billing) {
        this.billing = billing;
    }

    @GetMapping
    @Operation(summary = "The simulator's test clock")
    public ClockTime now() {
        return new ClockTime(billing.now());
    }

    @PostMapping("/advance")
    @Operation(summary = "Move the simulator's test clock forward",
            description = "Does what Stripe Billing would have done meanwhile: trials end, renewals are invoiced "
                    + "and charged to the customer's default payment method (pm_card_chargeDeclined fails and "
                    + "the subscription turns past_due), subscriptions set to cancel at period end end. The "
                    + "webhook events follow asynchronously.")
    public ClockTime advance(@Valid @RequestBody Advance request) {
        if (request.duration().isNegative() || request.duration().isZero()) {
            throw ApiException.validation("duration must be positive");
        }
        return new ClockTime(billing.advance(request.duration()));
    }
}
