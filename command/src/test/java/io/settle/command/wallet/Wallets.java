package io.settle.command.wallet;

import io.settle.api.Money;
import io.settle.api.wallet.WalletEvents.CreditsAdded;
import io.settle.api.wallet.WalletEvents.CreditsSpent;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletId;

/** Object Mother for wallets: a provider's USD wallet with earnings and a customer's with credits. */
final class Wallets {

    static final String PROVIDER = "provider-1";
    static final String CUSTOMER = "customer-1";
    static final String PROVIDER_WALLET = WalletId.of(PROVIDER, "usd");
    static final String CUSTOMER_WALLET = WalletId.of(CUSTOMER, "usd");
    static final String BOOKING = "booking-1";
    static final String OTHER_BOOKING = "booking-2";
    static final String PURCHASE = "purchase-1";

    private Wallets() {
    }

    static Money usd(long cents) {
        return Money.of(cents, "usd");
    }

    /** The provider's $27 share of booking-1 is pending. */
    static EarningPending earningPending() {
        return new EarningPending(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700));
    }

    /** The customer bought $50 of credits. */
    static CreditsAdded creditsBought() {
        return new CreditsAdded(CUSTOMER_WALLET, CUSTOMER, PURCHASE, usd(5000));
    }

    /** The customer paid booking-1 ($30) with credits. */
    static CreditsSpent creditsSpent() {
        return new CreditsSpent(CUSTOMER_WALLET, CUSTOMER, BOOKING, usd(3000));
    }
}
