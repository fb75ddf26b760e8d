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
}
