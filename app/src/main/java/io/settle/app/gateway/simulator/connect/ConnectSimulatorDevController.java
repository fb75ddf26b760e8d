package io.settle.app.gateway.simulator.connect;

import io.settle.app.web.ApiException;
import io.settle.saga.payout.ConnectGateway.ConnectedAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Embedded default only: what a provider does on Stripe's hosted onboarding pages, against the simulator. */
@RestController
@RequestMapping("/api/v1/dev/simulator")
@ConditionalOnProperty(name = "settle.dev.enabled", havingValue = "true")
@ConditionalOnProperty(name = "settle.stripe.gateway", havingValue = "simulator")
@Tag(name = "Developer tools", description = "Only in the embedded default; 404 in every other mode")
public class ConnectSimulatorDevController {

    public record OnboardingRequest(
            @Schema(description = "'enabled' (default): details submitted, payouts enabled; 'restricted': "
                    + "submitted but requirements past due, payouts disabled", example = "enabled")
            String outcome) {
    }

    private final SimulatedConnect connect;

    public ConnectSimulatorDevController(SimulatedConnect connect) {
        this.connect = connect;
    }

    @PostMapping("/accounts/{accountId}/complete-onboarding")
    @Operation(summary = "Complete a simulated Express account's onboarding (stands in for visiting the link)",
            description = "Sends a signed account.updated to /webhooks/stripe/connect. Returns the account's flags.")
    public ConnectedAccount completeOnboarding(@PathVariable String accountId,
                                               @RequestBody(required = false) OnboardingRequest request) {
        String outcome = request == null || request.outcome() == null ? "enabled" : request.outcome();
        if (!outcome.equals("enabled") && !outcome.equals("restricted")) {
            throw ApiException.validation("outcome must be 'enabled' or 'restricted'");
        }
        if (!connect.exists(accountId)) {
            throw ApiException.notFound("connect account", accountId);
        }
        return connect.completeOnboarding(accountId, outcome.equals("restricted"));
    }

    public record Reversed(String transferId, boolean reversed) {
    }

    @PostMapping("/transfers/{transferId}/reverse")
    @Operation(summary = "Reverse a simulated transfer as an operator would in the Stripe Dashboard",
            description = "Sends a signed transfer.reversed to /webhooks/stripe; a payout whose transfer it is and "
                    + "that is not final fails with failureCode transfer_reversed.")
    public Reversed reverse(@PathVariable String transferId) {
        if (!connect.transferExists(transferId)) {
            throw ApiException.notFound("transfer", transferId);
        }
        connect.reverseTransfer(transferId, null);
        return new Reversed(transferId, true);
    }
}
