package io.settle.app.payout;

import io.settle.api.payout.PayoutStatus;
import io.settle.app.security.CurrentUser;
import io.settle.app.web.PageCursor;
import io.settle.query.payout.PayoutQueries;
import io.settle.query.payout.PayoutQueries.PayoutView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
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

/** Operator actions on payouts (ADMIN; security allows only ADMIN under /api/v1/admin). */
@RestController
@Validated
@RequestMapping("/api/v1/admin/payouts")
@Tag(name = "Admin")
public class AdminPayoutController {

    public record BatchResult(int requested) {
    }

    public record CancelRequest(@Size(max = 500) String reason) {
    }

    public record PayoutPage(List<PayoutView> data, String nextCursor) {
    }

    private final PayoutBatch batch;
    private final PayoutService payouts;
    private final PayoutQueries queries;
    private final Clock clock;

    public AdminPayoutController(PayoutBatch batch, PayoutService payouts, PayoutQueries queries, Clock clock) {
        this.batch = batch;
        this.payouts = payouts;
        this.queries = queries;
        this.clock = clock;
    }

    @PostMapping("/run")
    @Operation(summary = "Run the payout batch now (ADMIN); answers how many payouts it requested")
    public BatchResult run() {
        return new BatchResult(batch.run());
    }

    @GetMapping
    @Operation(summary = "Every provider's payouts, newest first, with status, failure code and reason, attempts "
            + "and retry links (ADMIN); filter by status; pass nextCursor as cursor for the next page")
    public PayoutPage list(@RequestParam(required = false) PayoutStatus status,
                           @RequestParam(required = false) String cursor,
                           @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        List<PayoutView> page = queries.all(status == null ? null : status.name(),
                after == null ? null : after.at(), after == null ? null : after.id(), limit);
        PayoutView last = page.size() == limit ? page.get(page.size() - 1) : null;
        return new PayoutPage(page, last == null ? null : new PageCursor(last.requestedAt(), last.id()).encode());
    }

    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Retry a FAILED payout as a new payout of the same amount to the same provider (ADMIN)",
            description = "201 with the new payout. The rules of a manual payout apply (409 PAYOUTS_NOT_ENABLED, "
                    + "402 INSUFFICIENT_FUNDS, 422 BELOW_MINIMUM); 409 PAYOUT_NOT_FAILED unless the payout is "
                    + "FAILED; 404 for an unknown payout. Idempotent: retrying the same payout again answers the "
                    + "same new payout.")
    public PayoutController.RequestedPayout retry(@PathVariable String id) {
        PayoutService.Requested requested = payouts.retry(id, CurrentUser.get().id());
        return new PayoutController.RequestedPayout(requested.payoutId(), "REQUESTED", new PayoutQueries.Amount(
                requested.amount().amount(), requested.amount().currency()), requested.accountId(), clock.instant());
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a payout that has no transfer yet, e.g. one waiting in retry backoff (ADMIN)",
            description = "The reserved funds return to available and the payout is CANCELED; a pending retry "
                    + "is dropped. 409 PAYOUT_NOT_CANCELABLE once a transfer exists or the payout is PAID or "
                    + "FAILED; canceling a CANCELED payout again answers it unchanged.")
    public PayoutView cancel(@PathVariable String id, @Valid @RequestBody(required = false) CancelRequest request) {
        return payouts.cancel(id, request == null ? null : request.reason());
    }
}
