package io.settle.api.wallet;

import io.settle.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A fan subscription's invoice, credited to (or taken back from) the provider's available balance net of
 * the platform fee. Applied once per invoice.
 */
public final class SubscriptionEarningCommands {

    private SubscriptionEarningCommands() {
    }

    /**
     * {@code commissionBps}: the rate of the provider's tier in force when the invoice was paid; when given,
     * {@code fee} must be {@code gross.share(commissionBps)} (partial refunds are then reversed at that rate).
     */
    public record CreditSubscriptionEarning(@TargetAggregateIdentifier String walletId, String userId,
                                            String subscriptionId, String invoiceId, Money gross, Money fee,
                                            Integer commissionBps) {

        public CreditSubscriptionEarning(String walletId, String userId, String subscriptionId, String invoiceId,
                                         Money gross, Money fee) {
            this(walletId, userId, subscriptionId, invoiceId, gross, fee, null);
        }
    }

    /**
     * A refund of the invoice: {@code refundedTotal} is all refunded of it so far (cumulative, as Stripe
     * reports it), so repeats and out-of-order deliveries change nothing. The wallet takes back the part not
     * yet reversed, split between the provider's net and the platform's fee at the invoice's rate
     * ({@link Money#share}); the full refund takes back exactly what was credited.
     */
    public record ReverseSubscriptionEarning(@TargetAggregateIdentifier String walletId, String userId,
                                             String subscriptionId, String invoiceId, Money refundedTotal,
                                             String refundId) {
    }
}
