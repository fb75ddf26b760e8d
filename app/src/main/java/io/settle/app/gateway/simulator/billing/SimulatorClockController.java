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

/** Embedded default only: the simulator's Stripe Billing test clock, and refunds of its invoices. */
@RestController
@RequestMapping("/api/v1/dev/simulator")
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

    public record Refund(@Schema(description = "minor units; all that is left when omitted", example = "250")
                         @jakarta.validation.constraints.Positive Long amount) {
    }

    public record RefundResult(String refundId) {
    }

    @PostMapping("/invoices/{invoiceId}/refund")
    @Operation(summary = "Refund (part of) a paid subscription invoice, as a refund in Stripe's dashboard would",
            description = "Sends charge.refunded for the invoice's charge with its cumulative amount_refunded. 400 "
                    + "for an unknown invoice, an unpaid or free one, or more than is left to refund.")
    public RefundResult refundInvoice(@org.springframework.web.bind.annotation.PathVariable String invoiceId,
                                      @Valid @RequestBody(required = false) Refund request) {
        try {
            return new RefundResult(billing.refundInvoice(invoiceId, request == null ? null : request.amount()));
        } catch (io.settle.saga.payment.PaymentGatewayException e) {
            throw ApiException.validation(e.getMessage());
        }
    }

    @GetMapping("/clock")
    @Operation(summary = "The simulator's test clock")
    public ClockTime now() {
        return new ClockTime(billing.now());
    }

    @PostMapping("/clock/advance")
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
