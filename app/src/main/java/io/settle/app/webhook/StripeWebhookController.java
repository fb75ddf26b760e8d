package io.settle.app.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stripe's deliveries. Authenticated by the Stripe-Signature header only; bearer tokens are ignored here. */
@RestController
@RequestMapping("/webhooks/stripe")
@SecurityRequirements
@Tag(name = "Stripe webhooks", description = "Signed event deliveries from Stripe (or the simulator). "
        + "Each event is stored once by id, acknowledged at once and processed asynchronously.")
public class StripeWebhookController {

    static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final WebhookReceiver receiver;

    public StripeWebhookController(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping
    @Operation(summary = "Receive a platform event (payments, charges, refunds, checkout, invoices)",
            description = "Verifies Stripe-Signature against STRIPE_WEBHOOK_SECRET with a 5-minute tolerance. "
                    + "A repeated event id answers {\"received\":true,\"duplicate\":true} and is not applied again.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Stored (or already stored)"),
                    @ApiResponse(responseCode = "400", description = "INVALID_SIGNATURE, or VALIDATION_ERROR for a "
                            + "body that is not a Stripe event; nothing is stored"),
                    @ApiResponse(responseCode = "413", description = "Body larger than 256 KiB")})
    public WebhookReceiver.Ack payments(
            @RequestBody(required = false) byte[] body,
            @Parameter(description = "t=<unix seconds>,v1=<HMAC-SHA256 hex>")
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) {
        return receiver.receive(WebhookEndpoint.PAYMENTS, body, signature);
    }

    @PostMapping("/connect")
    @Operation(summary = "Receive a Connect event (account.updated, payouts of connected accounts)",
            description = "Verifies Stripe-Signature against STRIPE_CONNECT_WEBHOOK_SECRET with a 5-minute "
                    + "tolerance; the event's top-level `account` names the connected account.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Stored (or already stored)"),
                    @ApiResponse(responseCode = "400", description = "INVALID_SIGNATURE, or VALIDATION_ERROR for a "
                            + "body that is not a Stripe event; nothing is stored"),
                    @ApiResponse(responseCode = "413", description = "Body larger than 256 KiB")})
    public WebhookReceiver.Ack connect(
            @RequestBody(required = false) byte[] body,
            @Parameter(description = "t=<unix seconds>,v1=<HMAC-SHA256 hex>")
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) {
        return receiver.receive(WebhookEndpoint.CONNECT, body, signature);
    }
}
