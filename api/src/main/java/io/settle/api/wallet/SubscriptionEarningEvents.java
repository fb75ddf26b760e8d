package io.settle.api.wallet;

import io.settle.api.Money;

public final class SubscriptionEarningEvents {

    private SubscriptionEarningEvents() {
    }

    /** {@code net} = gross − fee went to available at once (subscription revenue is not escrowed). */
    public record SubscriptionEarningCredited(String walletId, String userId, String subscriptionId, String invoiceId,
                                              Money gross, Money fee, Money net) {
    }

    public record SubscriptionEarningReversed(String walletId, String userId, String subscriptionId, String invoiceId,
                                              Money gross, Money fee, Money net) {
    }
}
