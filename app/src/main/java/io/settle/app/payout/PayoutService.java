package io.settle.app.payout;

import io.settle.api.Money;
import io.settle.api.payout.PayoutCommands.RequestPayout;
import io.settle.api.wallet.WalletId;
import io.settle.app.axon.Commands;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.settle.query.connect.ConnectAccountQueries;
import io.settle.query.connect.ConnectAccountQueries.ConnectAccountView;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Requests a payout: the Connect account must be enabled for payouts; the Wallet then reserves the funds
 * (refusing more than available or less than the minimum) and the Payout saga takes it from there.
 */
@Service
public class PayoutService {

    private final ConnectAccountQueries accounts;
    private final Commands commands;
    private final PayoutSettings settings;

    public PayoutService(ConnectAccountQueries accounts, Commands commands, PayoutSettings settings) {
        this.accounts = accounts;
        this.commands = commands;
        this.settings = settings;
    }

    /** @param amount null: everything available in {@code currency} */
    /** A payout just requested: its funds are reserved and the payout saga takes it from here. */
    public record Requested(String payoutId, Money amount, String accountId) {
    }

    public Requested request(String providerId, Money amount, String currency, String reason) {
        ConnectAccountView account = accounts.ofProvider(providerId)
                .filter(ConnectAccountView::canReceivePayouts)
                .orElseThrow(() -> ApiException.conflict(ErrorCodes.PAYOUTS_NOT_ENABLED, accounts.ofProvider(providerId)
                        .map(a -> "Connect account " + a.accountId() + " is " + a.status() + " (payouts enabled: "
                                + a.payoutsEnabled() + ")")
                        .orElse("no Connect account: create one with POST /api/v1/connect/account")));
        String payoutCurrency = amount != null ? amount.currency() : currency;
        String payoutId = "po_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Money reserved = commands.send(new RequestPayout(WalletId.of(providerId, payoutCurrency), providerId, payoutId,
                amount, settings.minimum(payoutCurrency), account.accountId()), Map.of("reason", reason));
        return new Requested(payoutId, reserved, account.accountId());
    }
}
