package io.settle.api.wallet;

import io.settle.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the Wallet aggregate. Each names its cause (booking or purchase) and applies once. */
public final class WalletCommands {

    private WalletCommands() {
    }

    public record RecordPendingEarning(@TargetAggregateIdentifier String walletId, String userId, String bookingId,
                                       Money amount) {
    }

    public record ReleaseEarning(@TargetAggregateIdentifier String walletId, String userId, String bookingId,
                                 Money amount) {
    }

    public record ReversePendingEarning(@TargetAggregateIdentifier String walletId, String userId, String bookingId,
                                        Money amount) {
    }

    public record AddCredits(@TargetAggregateIdentifier String walletId, String userId, String purchaseId,
                             Money amount) {
    }

    /** Fails with INSUFFICIENT_CREDITS when the balance is short, changing nothing. */
    public record SpendCredits(@TargetAggregateIdentifier String walletId, String userId, String bookingId,
                               Money amount) {
    }

    public record ReturnCredits(@TargetAggregateIdentifier String walletId, String userId, String bookingId,
                                Money amount) {
    }

    /**
     * Takes back {@code amount} of a released earning (refund or chargeback after release), once per
     * {@code reference}: from available as far as it goes, the rest becomes debt that future earnings settle.
     */
    public record ReclaimEarning(@TargetAggregateIdentifier String walletId, String userId, String bookingId,
                                 String reference, Money amount, String reason) {
    }

    /** Gives back what {@link ReclaimEarning} took for the same reference (a dispute won); settles debt first. */
    public record RestoreEarning(@TargetAggregateIdentifier String walletId, String userId, String bookingId,
                                 String reference, Money amount) {
    }
}
