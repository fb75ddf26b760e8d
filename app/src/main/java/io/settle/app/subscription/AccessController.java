package io.settle.app.subscription;

import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.query.subscription.PlanView;
import io.settle.query.subscription.SubscriptionQueries;
import io.settle.query.subscription.SubscriptionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/access")
@Tag(name = "Subscriptions")
public class AccessController {

    public record Access(boolean allowed, String tier, Instant until) {
    }

    private final SubscriptionQueries queries;

    public AccessController(SubscriptionQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "May the caller (CUSTOMER) see a provider's fan content with this benefit?",
            description = "Allowed while a fan subscription to the provider is trialing, active or past due "
                    + "within its grace period, and its plan lists the benefit (any benefit when omitted).")
    public Access check(@RequestParam String providerId, @RequestParam(required = false) String benefit) {
        CurrentUser user = CurrentUser.get();
        user.require(Role.CUSTOMER);
        Optional<SubscriptionView> live = queries.liveInFamily(user.id(), "FAN", providerId);
        if (live.isEmpty()) {
            return new Access(false, null, null);
        }
        SubscriptionView subscription = live.get();
        boolean covered = benefit == null || queries.plan(subscription.planId()).map(PlanView::benefits)
                .filter(benefits -> benefits.contains(benefit)).isPresent();
        return new Access(covered, subscription.planName(), covered ? subscription.currentPeriodEnd() : null);
    }
}
