package io.settle.app.wallet;

import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.app.web.MoneyInput;
import io.settle.query.wallet.WalletQueries;
import io.settle.query.wallet.WalletQueries.WalletBalance;
import io.settle.query.wallet.WalletQueries.WalletTransaction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
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
@RequestMapping("/api/v1")
@Tag(name = "Wallet", description = "Balances per currency, their history, and platform credits")
public class WalletController {

    public record CreditPurchaseRequest(@NotNull @Valid MoneyInput amount,
                                        @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9_]+") String paymentMethodId) {
    }

    public record TransactionPage(List<WalletTransaction> data, String nextCursor) {
    }

    private final WalletQueries wallets;
    private final CreditsService credits;

    public WalletController(WalletQueries wallets, CreditsService credits) {
        this.wallets = wallets;
        this.credits = credits;
    }

    @GetMapping("/wallet")
    @Operation(summary = "Your balances, one entry per currency (minor units)")
    public List<WalletBalance> wallet() {
        return wallets.balances(CurrentUser.get().id());
    }

    @GetMapping("/wallet/transactions")
    @Operation(summary = "Your wallet history, newest first; filter by type and createdAt in [from, to); pass "
            + "nextCursor as cursor for the next page")
    public TransactionPage transactions(@RequestParam(required = false) @Pattern(regexp = "\\d{1,18}") String cursor,
                                        @RequestParam(required = false) @Pattern(regexp = "[A-Z_]{1,32}") String type,
                                        @RequestParam(required = false) Instant from,
                                        @RequestParam(required = false) Instant to,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        List<WalletTransaction> page = wallets.transactions(CurrentUser.get().id(), type,
                from == null ? Instant.EPOCH : from, to == null ? Instant.now().plusSeconds(1) : to,
                cursor == null ? null : Long.valueOf(cursor), limit);
        String next = page.size() == limit ? String.valueOf(page.get(page.size() - 1).id()) : null;
        return new TransactionPage(page, next);
    }

    @PostMapping("/credits/purchases")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Buy platform credits by card (CUSTOMER); credited when the payment succeeds")
    public CreditsService.PurchaseResponse purchase(@Valid @RequestBody CreditPurchaseRequest request) {
        CurrentUser user = CurrentUser.get();
        user.require(Role.CUSTOMER);
        return credits.purchase(user.id(), request.amount().toMoney("amount"), request.paymentMethodId());
    }
}
