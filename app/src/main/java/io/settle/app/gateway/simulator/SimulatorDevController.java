package io.settle.app.gateway.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.settle.saga.payment.PaymentGatewayException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Embedded default only: what the customer's browser would do with Stripe.js, against the simulator. */
@RestController
@RequestMapping("/api/v1/dev/simulator")
@ConditionalOnProperty(name = "settle.dev.enabled", havingValue = "true")
@ConditionalOnProperty(name = "settle.stripe.gateway", havingValue = "simulator")
@Tag(name = "Developer tools", description = "Only in the embedded default; 404 in every other mode")
public class SimulatorDevController {

    public record ConfirmRequest(
            @Schema(description = "A Stripe test payment method; omit it to pass 3D Secure on an intent that "
                    + "requires_action", example = "pm_card_visa")
            String paymentMethodId) {
    }

    public record CompleteRequest(
            @Schema(description = "A Stripe test payment method", example = "pm_card_visa")
            @NotBlank String paymentMethodId) {
    }

    public record DisputeRequest(
            @Schema(description = "Disputed amount in minor units; omit for everything not refunded") Long amount,
            @Schema(description = "Stripe's dispute reason", example = "fraudulent") String reason,
            @Schema(description = "true: an inquiry (warning_needs_response, no funds withdrawn)") Boolean inquiry) {
    }

    public record CloseDisputeRequest(
            @Schema(description = "won, lost or warning_closed", example = "lost") @NotBlank String status) {
    }

    private final SimulatedStripe stripe;

    public SimulatorDevController(SimulatedStripe stripe) {
        this.stripe = stripe;
    }

    @PostMapping("/payment-intents/{id}/confirm")
    @Operation(summary = "Confirm a simulated PaymentIntent with a test payment method (stands in for Stripe.js)",
            description = "pm_card_visa succeeds, pm_card_chargeDeclined and "
                    + "pm_card_chargeDeclinedInsufficientFunds are declined, pm_card_threeDSecure2Required "
                    + "requires_action until confirmed again. Returns the PaymentIntent as Stripe shows it; the "
                    + "webhook event follows asynchronously.")
    public ObjectNode confirm(@PathVariable String id, @RequestBody(required = false) ConfirmRequest request) {
        stripe.retrievePaymentIntent(id).orElseThrow(() -> ApiException.notFound("payment intent", id));
        String paymentMethodId = request == null ? null : request.paymentMethodId();
        return translated(() -> stripe.confirmPaymentIntent(id, paymentMethodId, null));
    }

    @PostMapping("/checkout-sessions/{id}/complete")
    @Operation(summary = "Pay a simulated Checkout Session as the customer would in the embedded page",
            description = "Creates and pays the session's PaymentIntent; on success sends "
                    + "checkout.session.completed then payment_intent.succeeded. Returns the session.")
    public ObjectNode complete(@PathVariable String id, @Valid @RequestBody CompleteRequest request) {
        stripe.retrieveCheckoutSession(id).orElseThrow(() -> ApiException.notFound("checkout session", id));
        return translated(() -> stripe.completeCheckoutSession(id, request.paymentMethodId()));
    }

    @PostMapping("/charges/{chargeId}/dispute")
    @Operation(summary = "The cardholder disputes a simulated charge at their bank",
            description = "Sends a signed charge.dispute.created (status needs_response, or warning_needs_response "
                    + "for an inquiry) to /webhooks/stripe. Returns the dispute; a repeat answers the same one.")
    public ObjectNode dispute(@PathVariable String chargeId, @RequestBody(required = false) DisputeRequest request) {
        stripe.retrieveCharge(chargeId).orElseThrow(() -> ApiException.notFound("charge", chargeId));
        return translated(() -> stripe.createDispute(chargeId, request == null ? null : request.amount(),
                request == null ? null : request.reason(), request != null && Boolean.TRUE.equals(request.inquiry())));
    }

    @PostMapping("/charges/{chargeId}/dispute/close")
    @Operation(summary = "The bank decides a simulated dispute: won, lost or warning_closed",
            description = "Sends a signed charge.dispute.closed. Returns the dispute.")
    public ObjectNode closeDispute(@PathVariable String chargeId, @Valid @RequestBody CloseDisputeRequest request) {
        stripe.retrieveCharge(chargeId).orElseThrow(() -> ApiException.notFound("charge", chargeId));
        return translated(() -> stripe.closeDispute(chargeId, request.status()));
    }

    private static ObjectNode translated(Supplier<ObjectNode> call) {
        try {
            return call.get();
        } catch (PaymentGatewayException e) {
            ApiException problem = "payment_intent_unexpected_state".equals(e.code())
                    ? ApiException.conflict(ErrorCodes.CONFLICT, e.getMessage())
                    : ApiException.validation(e.getMessage());
            throw problem.with("stripeCode", e.code());
        }
    }
}
