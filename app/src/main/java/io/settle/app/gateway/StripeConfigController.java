package io.settle.app.gateway;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Configuration")
public class StripeConfigController {

    public record StripeConfig(String publishableKey, String mode) {
    }

    private final StripeSettings settings;

    public StripeConfigController(StripeSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/config/stripe")
    @Operation(summary = "What Stripe.js needs: the publishable key and simulator|test|live (public)")
    public StripeConfig stripe() {
        return new StripeConfig(settings.publishableKey(), settings.mode());
    }
}
