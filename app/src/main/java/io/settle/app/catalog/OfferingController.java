package io.settle.app.catalog;

import io.settle.app.catalog.OfferingRepository.Offering;
import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.settle.app.web.MoneyInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/offerings")
@Tag(name = "Catalog", description = "What providers sell")
public class OfferingController {

    public record CreateOffering(@NotBlank @Size(max = 200) String title,
                                 @NotNull @Min(1) @Max(1440) Integer durationMinutes,
                                 @NotNull @Valid MoneyInput price,
                                 @Size(max = 2000) String description) {
    }

    private final OfferingRepository offerings;
    private final Clock clock;

    public OfferingController(OfferingRepository offerings, Clock clock) {
        this.offerings = offerings;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an offering (PROVIDER)")
    public Offering create(@Valid @RequestBody CreateOffering request) {
        CurrentUser user = CurrentUser.get();
        user.require(Role.PROVIDER);
        Offering offering = new Offering("off_" + UUID.randomUUID().toString().replace("-", ""), user.id(),
                request.title().strip(), request.description(), request.durationMinutes(),
                request.price().toMoney("price"), true, clock.instant());
        offerings.insert(offering);
        return offering;
    }

    @GetMapping
    @Operation(summary = "List active offerings, optionally of one provider")
    public List<Offering> list(@RequestParam(required = false) String providerId) {
        return offerings.active(providerId);
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate one of your offerings (PROVIDER); existing bookings are unaffected")
    public Offering deactivate(@PathVariable String id) {
        CurrentUser user = CurrentUser.get();
        user.require(Role.PROVIDER);
        Offering offering = offerings.find(id).filter(o -> o.providerId().equals(user.id()))
                .orElseThrow(() -> ApiException.notFound("offering", id));
        if (!offering.active()) {
            throw ApiException.conflict(ErrorCodes.INVALID_STATE, "offering " + id + " is already inactive");
        }
        offerings.deactivate(id);
        return offerings.find(id).orElseThrow();
    }
}
