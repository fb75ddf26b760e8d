package io.settle.api.wallet;

import io.settle.api.Money;

public final class SubscriptionEarningEvents {

    private SubscriptionEarningEvents() {
    }

    /** {@code net} = gross − fee went to available at once (subscription revenue is not escrowed). */
    public record SubscriptionEarningCredited(String walletId, String userId, String subscriptionId, String invoiceId,
                                              Money gross, Money fee, Money net, Integer commissionBps) {

        public SubscriptionEarningCredited(String walletId, String userId, String subscriptionId, String invoiceId,
                                           Money gross, Money fee, Money net) {
            this(walletId, userId, subscriptionId, invoiceId, gross, fee, net, null);
        }
    }

    /**
     * Part (or all) of an invoice's earning taken back after a refund: {@code gross} of the invoice refunded
     * by this reversal, split into the provider's {@code net} and the platform's {@code fee};
     * {@code refundedTotal} is all of the invoice refunded so far.
     */
    public record SubscriptionEarningReversed(String walletId, String userId, String subscriptionId, String invoiceId,
                                              Money gross, Money fee, Money net, String refundId,
                                              Money refundedTotal) {

        public SubscriptionEarningReversed(String walletId, String userId, String subscriptionId, String invoiceId,
                                           Money gross, Money fee, Money net) {
            this(walletId, userId, subscriptionId, invoiceId, gross, fee, net, null, gross);
        }
    }
}
