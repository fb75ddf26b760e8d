package io.settle.app.payout;

import io.settle.api.Money;
import io.settle.api.payout.PayoutCommands.CancelPayout;
import io.settle.api.payout.PayoutCommands.RequestPayout;
import io.settle.api.payout.PayoutCommands.RetryPayout;
import io.settle.api.wallet.WalletId;
import io.settle.app.axon.Commands;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.settle.query.connect.ConnectAccountQueries;
import io.settle.query.connect.ConnectAccountQueries.ConnectAccountView;
import io.settle.query.payout.PayoutQueries;
import io.settle.query.payout.PayoutQueries.PayoutView;
import java.nio.charset.StandardCharsets;
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
    private final PayoutQueries payouts;

    public PayoutService(ConnectAccountQueries accounts, Commands commands, PayoutSettings settings,
                         PayoutQueries payouts) {
        this.accounts = accounts;
        this.commands = commands;
        this.settings = settings;
        this.payouts = payouts;
    }

    /** @param amount null: everything available in {@code currency} */
    /** A payout just requested: its funds are reserved and the payout saga takes it from here. */
    public record Requested(String payoutId, Money amount, String accountId) {
    }

    public Requested request(String providerId, Money amount, String currency, String reason) {
        ConnectAccountView account = enabledAccount(providerId);
        String payoutCurrency = amount != null ? amount.currency() : currency;
        String payoutId = "po_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Money reserved = commands.send(new RequestPayout(WalletId.of(providerId, payoutCurrency), providerId, payoutId,
                amount, settings.minimum(payoutCurrency), account.accountId()), Map.of("reason", reason));
        return new Requested(payoutId, reserved, account.accountId());
    }

    /**
     * Re-requests a FAILED payout's amount as a new payout, under the rules of a manual payout. The new id
     * derives from the failed one and the Wallet remembers the retry, so retrying twice answers the same payout.
     */
    public Requested retry(String failedPayoutId, String adminId) {
        PayoutView failed = payouts.byId(failedPayoutId)
                .orElseThrow(() -> ApiException.notFound("payout", failedPayoutId));
        ConnectAccountView account = enabledAccount(failed.userId());
        String currency = failed.amount().currency();
        String retryId = retryIdOf(failedPayoutId);
        Money reserved = commands.send(new RetryPayout(WalletId.of(failed.userId(), currency), failedPayoutId, retryId,
                settings.minimum(currency), account.accountId()), Map.of("reason", "admin retry of " + failedPayoutId));
        return new Requested(retryId, reserved, account.accountId());
    }

    /** Cancels a payout no transfer was recorded for: its funds return to available. */
    public PayoutView cancel(String payoutId, String reason) {
        PayoutView payout = payouts.byId(payoutId).orElseThrow(() -> ApiException.notFound("payout", payoutId));
        String why = reason == null || reason.isBlank() ? "canceled by an admin" : reason;
        commands.send(new CancelPayout(WalletId.of(payout.userId(), payout.amount().currency()), payoutId, why),
                Map.of("reason", why));
        return payouts.byId(payoutId).filter(view -> "CANCELED".equals(view.status())).orElse(new PayoutView(
                payout.id(), payout.userId(), "CANCELED", payout.amount(), payout.accountId(), payout.transferId(),
                payout.stripePayoutId(), "canceled", why, payout.attempts(), payout.retriedBy(), payout.retryOf(),
                payout.requestedAt(), payout.updatedAt()));
    }

    static String retryIdOf(String failedPayoutId) {
        return "po_" + UUID.nameUUIDFromBytes(("retry:" + failedPayoutId).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "").substring(0, 20);
    }

    private ConnectAccountView enabledAccount(String providerId) {
        return accounts.ofProvider(providerId)
                .filter(ConnectAccountView::canReceivePayouts)
                .orElseThrow(() -> ApiException.conflict(ErrorCodes.PAYOUTS_NOT_ENABLED, accounts.ofProvider(providerId)
                        .map(a -> "Connect account " + a.accountId() + " is " + a.status() + " (payouts enabled: "
                                + a.payoutsEnabled() + ")")
                        .orElse("no Connect account: create one with POST /api/v1/connect/account")));
    }
}
