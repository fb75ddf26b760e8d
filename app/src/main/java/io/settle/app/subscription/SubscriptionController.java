package io.settle.app.subscription;

import io.settle.app.security.CurrentUser;
import io.settle.query.subscription.SubscriptionQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/subscriptions")
@Tag(name = "Subscriptions", description = "Provider tiers, fan subscriptions and consumer plans on Stripe Billing")
public class SubscriptionController {

    public record SubscribeRequest(@NotBlank String planId, String paymentMethodId,
                                   @Min(0) @Max(730) Integer trialDays) {
    }

    public record ChangeRequest(@NotBlank String planId,
                                @Pattern(regexp = "create_prorations|none") String prorationBehavior,
                                @Schema(description = "now or period_end; default: a cheaper plan (downgrade) at "
                                        + "period end, any other now", example = "period_end")
                                @Pattern(regexp = "now|period_end") String effective) {
    }

    public record CancelRequest(Boolean cancelAtPeriodEnd, @Size(max = 2000) String reason) {
    }

    private final SubscriptionService subscriptions;
    private final SubscriptionQueries queries;

    public SubscriptionController(SubscriptionService subscriptions, SubscriptionQueries queries) {
        this.subscriptions = subscriptions;
        this.queries = queries;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Subscribe to a plan (PROVIDER for provider tiers, CUSTOMER otherwise)",
            description = "409 ACTIVE_SUBSCRIPTION_EXISTS with a live subscription in the same family; 400 for an "
                    + "unknown plan; 402 PAYMENT_REQUIRED (with declineCode) when the first payment is declined.")
    public SubscriptionResponse subscribe(@Valid @RequestBody SubscribeRequest request) {
        return subscriptions.subscribe(CurrentUser.get(), request.planId(), request.paymentMethodId(),
                request.trialDays());
    }

    @GetMapping("/me")
    @Operation(summary = "Your subscriptions, newest first")
    public List<SubscriptionResponse> mine() {
        return queries.subscriptionsOf(CurrentUser.get().id()).stream().map(SubscriptionResponse::of).toList();
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change plan within the same family; with create_prorations an upgrade is charged at once",
            description = "A downgrade (a cheaper plan) is scheduled for the end of the current period by default "
                    + "and shows as pendingChange until the renewal bills the new plan; effective=now applies it "
                    + "at once. Choosing the current plan again drops a pending change.")
    public SubscriptionResponse change(@PathVariable String id, @Valid @RequestBody ChangeRequest request) {
        return subscriptions.changePlan(CurrentUser.get(), id, request.planId(),
                !"none".equals(request.prorationBehavior()),
                request.effective() == null ? null : "period_end".equals(request.effective()));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel, at period end by default (cancelAtPeriodEnd=false cancels at once)")
    public SubscriptionResponse cancel(@PathVariable String id, @Valid @RequestBody(required = false) CancelRequest request) {
        boolean atPeriodEnd = request == null || request.cancelAtPeriodEnd() == null || request.cancelAtPeriodEnd();
        return subscriptions.cancel(CurrentUser.get(), id, atPeriodEnd, request == null ? null : request.reason());
    }

    @PostMapping("/{id}/reactivate")
    @Operation(summary = "Undo a cancellation at period end, before the period ends (409 INVALID_STATE after)")
    public SubscriptionResponse reactivate(@PathVariable String id) {
        return subscriptions.reactivate(CurrentUser.get(), id);
    }
}
