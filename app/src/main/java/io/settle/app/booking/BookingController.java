package io.settle.app.booking;

import io.settle.api.booking.BookingCommands.CancelBooking;
import io.settle.api.booking.BookingCommands.CompleteSession;
import io.settle.api.booking.BookingCommands.OpenDispute;
import io.settle.api.booking.BookingCommands.StartSession;
import io.settle.api.booking.BookingStatus;
import io.settle.app.axon.Commands;
import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.app.web.ApiException;
import io.settle.query.booking.BookingQueries;
import io.settle.query.booking.BookingView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/bookings")
@Tag(name = "Bookings", description = "Buying a provider's session; money held in escrow until release")
public class BookingController {

    public record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    /** The booking's state right after the command; projections may take a moment to show it. */
    public record Transition(String id, String status) {
    }

    public enum ListRole {
        customer, provider
    }

    private final BookingService bookings;
    private final BookingQueries queries;
    private final Commands commands;
    private final BookingSettings.HoldPeriod holdPeriod;

    public BookingController(BookingService bookings, BookingQueries queries, Commands commands,
                             BookingSettings.HoldPeriod holdPeriod) {
        this.bookings = bookings;
        this.queries = queries;
        this.commands = commands;
        this.holdPeriod = holdPeriod;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Book and pay for an offering (CUSTOMER)",
            description = "402 PAYMENT_REQUIRED when the card is declined (the booking is then PAYMENT_FAILED); "
                    + "402 INSUFFICIENT_CREDITS when paying with credits that do not suffice (nothing changes).")
    public BookingResponse create(@Valid @RequestBody BookingRequest request) {
        CurrentUser user = CurrentUser.get();
        user.require(Role.CUSTOMER);
        return bookings.book(user.id(), request);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One booking (its customer, its provider, or ADMIN)")
    public BookingView get(@PathVariable String id) {
        CurrentUser user = CurrentUser.get();
        return queries.find(id)
                .filter(b -> user.has(Role.ADMIN) || b.customerId().equals(user.id()) || b.providerId().equals(user.id()))
                .orElseThrow(() -> ApiException.notFound("booking", id));
    }

    @GetMapping
    @Operation(summary = "Your bookings as customer or provider, newest first")
    public List<BookingView> list(@RequestParam(defaultValue = "customer") ListRole role,
                                  @RequestParam(required = false) BookingStatus status,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        CurrentUser user = CurrentUser.get();
        BookingQueries.Role as = role == ListRole.provider ? BookingQueries.Role.PROVIDER : BookingQueries.Role.CUSTOMER;
        return queries.list(as, user.id(), status == null ? null : status.name(), limit);
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Start the session (its PROVIDER); 409 INVALID_STATE unless PAID")
    public Transition start(@PathVariable String id) {
        CurrentUser user = CurrentUser.get();
        user.require(Role.PROVIDER);
        commands.send(new StartSession(id, user.id()));
        return new Transition(id, BookingStatus.IN_PROGRESS.name());
    }

    @PostMapping("/{id}/complete")
    @Operation(summary = "Complete the session (its PROVIDER); the hold period now runs from completion")
    public Transition complete(@PathVariable String id) {
        CurrentUser user = CurrentUser.get();
        user.require(Role.PROVIDER);
        commands.send(new CompleteSession(id, user.id(), holdPeriod.value()));
        return new Transition(id, BookingStatus.COMPLETED.name());
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel before the session starts (its customer or provider); a paid booking is refunded")
    public Transition cancel(@PathVariable String id, @Valid @RequestBody Reason body) {
        CurrentUser user = CurrentUser.get();
        commands.send(new CancelBooking(id, user.id(), body.reason()));
        return new Transition(id, BookingStatus.CANCELLED.name());
    }

    @PostMapping("/{id}/disputes")
    @Operation(summary = "Dispute while funds are held (its CUSTOMER); the release waits for an admin decision")
    public Transition dispute(@PathVariable String id, @Valid @RequestBody Reason body) {
        CurrentUser user = CurrentUser.get();
        user.require(Role.CUSTOMER);
        commands.send(new OpenDispute(id, user.id(), body.reason(), null));
        return new Transition(id, BookingStatus.DISPUTED.name());
    }
}
