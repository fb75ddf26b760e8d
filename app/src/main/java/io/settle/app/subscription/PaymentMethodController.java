package io.settle.app.subscription;

import io.settle.app.security.CurrentUser;
import io.settle.app.subscription.BillingCustomers.SavedPaymentMethod;
import io.settle.app.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payment-methods")
@Tag(name = "Payment methods", description = "Cards saved on your Stripe customer (brand, last4, expiry only)")
public class PaymentMethodController {

    public record AddPaymentMethod(@NotBlank String paymentMethodId, Boolean isDefault) {
    }

    private final BillingCustomers customers;
    private final GatewayErrors errors;

    public PaymentMethodController(BillingCustomers customers, GatewayErrors errors) {
        this.customers = customers;
        this.errors = errors;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Save a payment method (e.g. pm_card_visa in test mode); the first one becomes the default")
    public SavedPaymentMethod add(@Valid @RequestBody AddPaymentMethod request) {
        String user = CurrentUser.get().id();
        return errors.translate(() -> customers.attach(user, request.paymentMethodId(),
                Boolean.TRUE.equals(request.isDefault())));
    }

    @GetMapping
    @Operation(summary = "Your saved payment methods")
    public List<SavedPaymentMethod> list() {
        return customers.list(CurrentUser.get().id());
    }

    @PutMapping("/{id}/default")
    @Operation(summary = "Make a saved payment method the default for subscriptions")
    public SavedPaymentMethod makeDefault(@PathVariable String id) {
        String user = CurrentUser.get().id();
        customers.find(user, id).orElseThrow(() -> ApiException.notFound("payment method", id));
        errors.translate(() -> {
            customers.makeDefault(user, id);
            return null;
        });
        return customers.find(user, id).orElseThrow();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a saved payment method")
    public void delete(@PathVariable String id) {
        String user = CurrentUser.get().id();
        customers.find(user, id).orElseThrow(() -> ApiException.notFound("payment method", id));
        errors.translate(() -> {
            customers.detach(user, id);
            return null;
        });
    }
}
