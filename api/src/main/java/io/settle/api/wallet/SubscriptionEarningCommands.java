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

    public record CreditSubscriptionEarning(@TargetAggregateIdentifier String walletId, String userId,
                                            String subscriptionId, String invoiceId, Money gross, Money fee) {
    }

    public record ReverseSubscriptionEarning(@TargetAggregateIdentifier String walletId, String userId,
                                             String subscriptionId, String invoiceId, Money gross, Money fee) {
    }
}
