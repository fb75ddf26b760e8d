package io.settle.app.payout;

import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.app.web.MoneyInput;
import io.settle.app.web.PageCursor;
import io.settle.api.payout.PayoutStatus;
import io.settle.query.payout.PayoutQueries;
import io.settle.query.payout.PayoutQueries.PayoutView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/wallet/payouts")
@Tag(name = "Payouts", description = "Your available balance to your bank, through your Connect account")
public class PayoutController {

    /** {@code amount} omitted: everything available in {@code currency} (default usd). */
    public record PayoutRequest(@Valid MoneyInput amount, @Pattern(regexp = "[a-zA-Z]{3}") String currency) {
    }

    /** The payout as requested; its progress (TRANSFERRED, IN_TRANSIT, PAID, FAILED) shows in the list. */
    public record RequestedPayout(String id, String status, PayoutQueries.Amount amount, String accountId,
                                  Instant requestedAt) {
    }

    private final PayoutService payouts;
    private final PayoutQueries queries;
    private final Clock clock;

    public PayoutController(PayoutService payouts, PayoutQueries queries, Clock clock) {
        this.payouts = payouts;
        this.queries = queries;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request a payout (PROVIDER)", description = "409 PAYOUTS_NOT_ENABLED unless the Connect "
            + "account is enabled for payouts; 402 INSUFFICIENT_FUNDS above the available balance; 422 BELOW_MINIMUM "
            + "under SETTLE_PAYOUT_MINIMUM.")
    public RequestedPayout request(@Valid @RequestBody(required = false) PayoutRequest request) {
        CurrentUser user = CurrentUser.get();
        user.require(Role.PROVIDER);
        String currency = request == null || request.currency() == null ? "usd"
                : request.currency().toLowerCase(Locale.ROOT);
        PayoutService.Requested requested = payouts.request(user.id(), request == null || request.amount() == null
                ? null : request.amount().toMoney("amount"), currency, "manual payout");
        return new RequestedPayout(requested.payoutId(), "REQUESTED", new PayoutQueries.Amount(
                requested.amount().amount(), requested.amount().currency()), requested.accountId(), clock.instant());
    }

    public record PayoutPage(List<PayoutView> data, String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "Your payouts, newest first; filter by status and requestedAt in [from, to); pass "
            + "nextCursor as cursor for the next page")
    public PayoutPage list(@RequestParam(required = false) PayoutStatus status,
                           @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                           @RequestParam(required = false) String cursor,
                           @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        CurrentUser user = CurrentUser.get();
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        List<PayoutView> page = queries.ofUser(user.id(), status == null ? null : status.name(),
                from == null ? Instant.EPOCH : from, to == null ? Instant.now().plusSeconds(1) : to,
                after == null ? null : after.at(), after == null ? null : after.id(), limit);
        PayoutView last = page.size() == limit ? page.get(page.size() - 1) : null;
        return new PayoutPage(page, last == null ? null : new PageCursor(last.requestedAt(), last.id()).encode());
    }
}
