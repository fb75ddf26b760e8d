package io.settle.api.wallet;

import io.settle.api.Money;

public final class WalletEvents {

    private WalletEvents() {
    }

    public record EarningPending(String walletId, String userId, String bookingId, Money amount) {
    }

    public record EarningReleased(String walletId, String userId, String bookingId, Money amount) {
    }

    public record PendingEarningReversed(String walletId, String userId, String bookingId, Money amount) {
    }

    public record CreditsAdded(String walletId, String userId, String purchaseId, Money amount) {
    }

    public record CreditsSpent(String walletId, String userId, String bookingId, Money amount) {
    }

    public record CreditsReturned(String walletId, String userId, String bookingId, Money amount) {
    }

    /**
     * A released earning was taken back: {@code fromAvailable} left the available balance and {@code toDebt}
     * (the part available did not cover) is now owed by the provider. The two sum to {@code amount}.
     */
    public record EarningReclaimed(String walletId, String userId, String bookingId, String reference, Money amount,
                                   Money fromAvailable, Money toDebt, String reason) {
    }

    /** A reclaimed earning came back (dispute won): credited to available (and DebtSettled may follow). */
    public record EarningRestored(String walletId, String userId, String bookingId, String reference, Money amount) {
    }

    /** Money just credited to available paid off (part of) the debt; {@code source} names that credit. */
    public record DebtSettled(String walletId, String userId, Money amount, String source) {
    }
}
