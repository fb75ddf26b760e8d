package io.settle.app.subscription;

import io.settle.api.subscription.BillingInterval;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.PlanCommands;
import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.app.web.ApiException;
import io.settle.app.web.MoneyInput;
import io.settle.query.subscription.PlanView;
import io.settle.query.subscription.SubscriptionQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/plans")
@Tag(name = "Plans", description = "Provider tiers, fan tiers and consumer plans, mirrored as Stripe prices")
public class PlanController {

    public record PlanRequest(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
                              @NotNull @Valid MoneyInput price, @NotNull BillingInterval interval,
                              @Min(0) @Max(730) Integer trialDays, List<@NotBlank @Size(max = 100) String> benefits,
                              @NotNull PlanAudience audience, @Min(0) @Max(10000) Integer commissionBps) {
    }

    public record PlanEdit(@Size(max = 200) String name, List<@NotBlank @Size(max = 100) String> benefits,
                           @Valid MoneyInput price) {
    }

    private final PlanCatalog catalog;
    private final SubscriptionQueries queries;

    public PlanController(PlanCatalog catalog, SubscriptionQueries queries) {
        this.catalog = catalog;
        this.queries = queries;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a plan: ADMIN for platform plans (PROVIDER_TIER, CONSUMER), PROVIDER for their own FAN tiers")
    public PlanView create(@Valid @RequestBody PlanRequest request) {
        CurrentUser user = CurrentUser.get();
        String owner;
        if (request.audience() == PlanAudience.FAN) {
            user.require(Role.PROVIDER);
            owner = user.id();
        } else {
            user.require(Role.ADMIN);
            owner = PlanCommands.PLATFORM;
        }
        if (request.price().amount() == null || request.price().amount() < 0) {
            throw ApiException.validation("price.amount must not be negative");
        }
        String id = PlanCatalog.newPlanId();
        catalog.create(new PlanCatalog.NewPlan(id, owner, request.audience(), request.name(), request.description(),
                request.price().toMoney("price"), request.interval(),
                request.trialDays() == null ? 0 : request.trialDays(),
                request.benefits() == null ? List.of() : request.benefits(), request.commissionBps()));
        return awaitPlan(id, view -> true);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit name, benefits and price (a new price is a new Stripe price; subscribers keep theirs)")
    public PlanView update(@PathVariable String id, @Valid @RequestBody PlanEdit request) {
        CurrentUser user = CurrentUser.get();
        PlanView plan = queries.plan(id).orElseThrow(() -> ApiException.notFound("plan", id));
        var price = request.price() == null ? null : request.price().toMoney("price");
        catalog.update(id, user.id(), user.has(Role.ADMIN), request.name(), request.benefits(), price,
                queries.stripeProductOf(id), BillingInterval.valueOf(plan.interval()));
        return awaitPlan(id, view -> (request.name() == null || request.name().equals(view.name()))
                && (price == null || price.equals(view.price())));
    }

    @PostMapping("/{id}/archive")
    @Operation(summary = "Archive a plan: no new subscriptions; existing ones continue")
    public PlanView archive(@PathVariable String id) {
        CurrentUser user = CurrentUser.get();
        queries.plan(id).orElseThrow(() -> ApiException.notFound("plan", id));
        catalog.archive(id, user.id(), user.has(Role.ADMIN));
        return awaitPlan(id, PlanView::archived);
    }

    @GetMapping
    @Operation(summary = "Plans on sale, filtered by audience and by the provider selling them")
    public List<PlanView> list(@RequestParam(required = false) PlanAudience audience,
                               @RequestParam(required = false) String providerId) {
        return queries.plans(audience == null ? null : audience.name(), providerId);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One plan")
    public PlanView get(@PathVariable String id) {
        return queries.plan(id).orElseThrow(() -> ApiException.notFound("plan", id));
    }

    private PlanView awaitPlan(String id, java.util.function.Predicate<PlanView> done) {
        return ProjectionWait.until(() -> queries.plan(id), done).orElseThrow(() -> ApiException.notFound("plan", id));
    }
}
