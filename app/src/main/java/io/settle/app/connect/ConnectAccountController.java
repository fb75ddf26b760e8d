package io.settle.app.connect;

import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.query.connect.ConnectAccountQueries.ConnectAccountView;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.settle.saga.payout.ConnectGateway.AccountLink;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/connect/account")
@Tag(name = "Connect", description = "The provider's Stripe Connect Express account: onboarding and status")
public class ConnectAccountController {

    public record CreateAccountRequest(@NotBlank @Pattern(regexp = "[A-Z]{2}") String country,
                                       @NotBlank @Email String email) {
    }

    public record CreatedAccount(String accountId, String status) {
    }

    public record Link(String url, Instant expiresAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AccountStatus(String accountId, String status, boolean chargesEnabled, boolean payoutsEnabled,
                                boolean detailsSubmitted, Requirements requirements) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Requirements(List<String> currentlyDue, List<String> pastDue, String disabledReason) {
    }

    private final ConnectAccountService service;

    public ConnectAccountController(ConnectAccountService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Create your Express account (PROVIDER); once per provider, a repeat returns the same one",
            description = "Its payout schedule is manual: Settle decides when money moves.")
    public CreatedAccount create(@Valid @RequestBody CreateAccountRequest request) {
        String providerId = provider();
        String accountId = service.create(providerId, request.country(), request.email());
        // a repeat answers the account as it stands; a new one is onboarding
        String status = service.find(providerId).map(ConnectAccountView::status).orElse("ONBOARDING");
        return new CreatedAccount(accountId, status);
    }

    @PostMapping("/onboarding-link")
    @Operation(summary = "A Stripe-hosted onboarding link (account_onboarding)")
    public Link onboardingLink() {
        AccountLink link = service.onboardingLink(provider());
        return new Link(link.url(), link.expiresAt());
    }

    @PostMapping("/dashboard-link")
    @Operation(summary = "A login link to the Express dashboard; 409 ONBOARDING_INCOMPLETE before details are submitted")
    public Link dashboardLink() {
        return new Link(service.dashboardLink(provider()), null);
    }

    @GetMapping
    @Operation(summary = "Your account's status, as Stripe's account.updated events last reported it")
    public AccountStatus status() {
        String providerId = provider();
        return service.find(providerId)
                .map(ConnectAccountController::toStatus)
                .orElseGet(() -> new AccountStatus(null, "NOT_STARTED", false, false, false,
                        new Requirements(List.of(), List.of(), null)));
    }

    private static AccountStatus toStatus(ConnectAccountView view) {
        return new AccountStatus(view.accountId(), view.status(), view.chargesEnabled(), view.payoutsEnabled(),
                view.detailsSubmitted(), new Requirements(view.requirements().currentlyDue(),
                view.requirements().pastDue(), view.requirements().disabledReason()));
    }

    private static String provider() {
        CurrentUser user = CurrentUser.get();
        user.require(Role.PROVIDER);
        return user.id();
    }
}
