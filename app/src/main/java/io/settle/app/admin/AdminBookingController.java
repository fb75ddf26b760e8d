package io.settle.app.admin;

import io.settle.api.Money;
import io.settle.api.booking.BookingCommands.RefundReleasedBooking;
import io.settle.api.booking.BookingCommands.ReleaseEscrow;
import io.settle.api.booking.BookingCommands.ResolveDispute;
import io.settle.api.booking.DisputeOutcome;
import io.settle.app.axon.Commands;
import io.settle.app.booking.BookingController.Transition;
import io.settle.app.web.ApiException;
import io.settle.app.web.MoneyInput;
import io.settle.query.alert.AlertQueries;
import io.settle.query.ledger.LedgerCheck;
import io.settle.query.ledger.LedgerQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator actions and checks. Security allows only ADMIN under /api/v1/admin. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Admin", description = "Disputes, early releases, ledger check, alerts (ADMIN)")
public class AdminBookingController {

    public record Resolution(@NotNull DisputeOutcome outcome, @Valid MoneyInput refundAmount) {
    }

    /** {@code amount} omitted: everything not yet refunded. */
    public record AdminRefund(@Valid MoneyInput amount, @Size(max = 500) String reason) {
    }

    private final Commands commands;
    private final LedgerQueries ledger;
    private final AlertQueries alerts;

    public AdminBookingController(Commands commands, LedgerQueries ledger, AlertQueries alerts) {
        this.commands = commands;
        this.ledger = ledger;
        this.alerts = alerts;
    }

    @PostMapping("/bookings/{id}/resolution")
    @Operation(summary = "Resolve a dispute: RELEASE to the provider, REFUND the customer, or PARTIAL_REFUND")
    public Transition resolve(@PathVariable String id, @Valid @RequestBody Resolution body) {
        Money refund = null;
        if (body.outcome() == DisputeOutcome.PARTIAL_REFUND) {
            if (body.refundAmount() == null) {
                throw ApiException.validation("refundAmount is required for PARTIAL_REFUND");
            }
            refund = body.refundAmount().toMoney("refundAmount");
        }
        commands.send(new ResolveDispute(id, body.outcome(), refund));
        String status = switch (body.outcome()) {
            case RELEASE -> "RELEASED";
            case REFUND -> "REFUND_PENDING";
            case PARTIAL_REFUND -> "RELEASED";
        };
        return new Transition(id, status);
    }

    @PostMapping("/bookings/{id}/refund")
    @Operation(summary = "Refund a RELEASED booking (in full, or part of it) after the provider was paid",
            description = "The customer is refunded through Stripe (or gets their credits back); the provider's "
                    + "share of the refund (refund − refund.share(commission)) is taken back from their wallet, "
                    + "into debt if available does not cover it, and the platform returns the rest of its fee. "
                    + "409 INVALID_STATE unless the booking is released with nothing refunded in flight and no "
                    + "open Stripe dispute; 400 VALIDATION_ERROR for an amount above what remains.")
    public Transition refund(@PathVariable String id, @Valid @RequestBody(required = false) AdminRefund body) {
        Money amount = body == null || body.amount() == null ? null : body.amount().toMoney("amount");
        commands.send(new RefundReleasedBooking(id, amount, body == null ? null : body.reason()));
        return new Transition(id, "REFUND_PENDING");
    }

    @PostMapping("/bookings/{id}/release")
    @Operation(summary = "Release escrow now, before the hold period ends")
    public Transition release(@PathVariable String id) {
        commands.send(new ReleaseEscrow(id, true));
        return new Transition(id, "RELEASED");
    }

    @GetMapping("/ledger/check")
    @Operation(summary = "Ledger invariants computed from the entries: balanced per currency, no negative "
            + "available balance, open escrows")
    public LedgerCheck ledgerCheck() {
        return ledger.check();
    }

    @GetMapping("/alerts")
    @Operation(summary = "Latest operator alerts (e.g. refunds that exhausted their retries)")
    public List<AlertQueries.Alert> alerts(@RequestParam(defaultValue = "100") int limit) {
        return alerts.latest(Math.max(1, Math.min(limit, 500)));
    }
}
