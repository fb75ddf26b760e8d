package io.settle.api.payout;

import io.settle.api.Money;

public final class PayoutEvents {

    private PayoutEvents() {
    }

    /**
     * Funds moved from available to reserved. {@code fundingBookingId} is set when one released booking
     * funds the whole payout (its charge can then be the transfer's source_transaction).
     */
    public record PayoutRequested(String walletId, String userId, String payoutId, Money amount, String accountId,
                                  String fundingBookingId) {
    }

    public record PayoutTransferred(String walletId, String userId, String payoutId, Money amount,
                                    String transferId) {
    }

    public record PayoutSentToBank(String walletId, String userId, String payoutId, Money amount,
                                   String stripePayoutId) {
    }

    public record PayoutPaid(String walletId, String userId, String payoutId, Money amount, String stripePayoutId) {
    }

    public record BankPayoutFailed(String walletId, String userId, String payoutId, String stripePayoutId,
                                   String failureCode, String failureMessage) {
    }

    /** Reserved funds are back in available. */
    public record PayoutFailed(String walletId, String userId, String payoutId, Money amount, String failureCode,
                               String reason, int attempts) {
    }

    /** An admin canceled the payout before any transfer: reserved funds are back in available. */
    public record PayoutCanceled(String walletId, String userId, String payoutId, Money amount, String reason) {
    }

    /** {@code retryPayoutId} re-requests the amount of the failed {@code failedPayoutId} (its PayoutRequested follows). */
    public record PayoutRetried(String walletId, String userId, String failedPayoutId, String retryPayoutId) {
    }

    /** Stripe reversed the payout's transfer (reported by {@code transfer.reversed}); no money moves by itself. */
    public record PayoutTransferReversed(String walletId, String userId, String payoutId, String transferId,
                                         long amountReversed, String reason) {
    }
}
