package io.settle.api.payout;

import io.settle.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Payout commands, handled by the provider's Wallet (reserved funds live there). Each names its payout and
 * applies once: a repeat is a no-op.
 */
public final class PayoutCommands {

    private PayoutCommands() {
    }

    /**
     * Reserves {@code amount} (null: everything available) for a payout to {@code accountId}. Refused with
     * INSUFFICIENT_FUNDS above the available balance, BELOW_MINIMUM under {@code minimum}.
     */
    public record RequestPayout(@TargetAggregateIdentifier String walletId, String userId, String payoutId,
                                Money amount, Money minimum, String accountId) {
    }

    public record RecordPayoutTransfer(@TargetAggregateIdentifier String walletId, String payoutId,
                                       String transferId) {
    }

    public record RecordBankPayout(@TargetAggregateIdentifier String walletId, String payoutId,
                                   String stripePayoutId) {
    }

    /** {@code payout.paid}: the money reached the provider's bank. */
    public record ConfirmPayoutPaid(@TargetAggregateIdentifier String walletId, String payoutId,
                                    String stripePayoutId) {
    }

    /** {@code payout.failed}: the bank refused it; the transfer still has to be taken back. */
    public record ReportBankPayoutFailure(@TargetAggregateIdentifier String walletId, String payoutId,
                                         String stripePayoutId, String failureCode, String failureMessage) {
    }

    /** Final failure: the reserved funds return to available. */
    public record FailPayout(@TargetAggregateIdentifier String walletId, String payoutId, String failureCode,
                             String reason, int attempts) {
    }

    /**
     * An admin re-requests a FAILED payout's amount as a new payout {@code retryPayoutId} (same rules as a
     * manual payout). Refused with PAYOUT_NOT_FAILED unless the payout failed; a repeat answers the retry
     * already made. Returns the amount reserved.
     */
    public record RetryPayout(@TargetAggregateIdentifier String walletId, String failedPayoutId,
                              String retryPayoutId, Money minimum, String accountId) {
    }

    /**
     * An admin cancels a payout that no transfer was recorded for yet (e.g. waiting in backoff): the funds
     * return to available. Refused with PAYOUT_NOT_CANCELABLE once a transfer exists or the payout is final;
     * a repeat on a canceled payout is a no-op.
     */
    public record CancelPayout(@TargetAggregateIdentifier String walletId, String payoutId, String reason) {
    }

    /**
     * Stripe reports the payout's transfer reversed ({@code transfer.reversed}): the money is back on the
     * platform. The Payout saga decides what follows (it fails the payout unless it reversed it itself).
     */
    public record ReportTransferReversed(@TargetAggregateIdentifier String walletId, String payoutId,
                                         String transferId, long amountReversed, String reason) {
    }
}
