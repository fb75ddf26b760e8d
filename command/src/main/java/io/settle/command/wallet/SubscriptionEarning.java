package io.settle.command.wallet;

import io.settle.api.Money;

/**
 * One fan-subscription invoice credited to a wallet: its gross, the platform's fee (at {@code commissionBps}
 * when known) and how much of each refunds have taken back so far.
 */
record SubscriptionEarning(Money gross, Money fee, Integer commissionBps, Money reversedGross, Money reversedFee) {

    static SubscriptionEarning credited(Money gross, Money fee, Integer commissionBps) {
        return new SubscriptionEarning(gross, fee, commissionBps, Money.zero(gross.currency()),
                Money.zero(fee.currency()));
    }

    SubscriptionEarning reversed(Money grossPart, Money feePart) {
        return new SubscriptionEarning(gross, fee, commissionBps, reversedGross.plus(grossPart),
                reversedFee.plus(feePart));
    }

    /**
     * The fee on the first {@code refunded} of the invoice: the one rounding rule ({@link Money#share}) at the
     * invoice's rate, so partial refunds sum to exactly the fee once all of the invoice is refunded. Invoices
     * credited before the rate was recorded fall back to the fee's proportion, rounded half up.
     */
    Money feeUpTo(Money refunded) {
        if (refunded.equals(gross)) {
            return fee;
        }
        if (commissionBps != null) {
            return refunded.share(commissionBps);
        }
        long scaled = Math.multiplyExact(fee.amount(), refunded.amount());
        return Money.of((scaled + gross.amount() / 2) / gross.amount(), fee.currency());
    }
}
