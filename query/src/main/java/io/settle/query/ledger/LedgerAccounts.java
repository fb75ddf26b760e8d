package io.settle.query.ledger;

/** Ledger account names (see docs: ledger). Balances are debit-positive; liabilities run negative. */
public final class LedgerAccounts {

    /** Money collected through Stripe and not yet paid out or refunded. */
    public static final String STRIPE_CLEARING = "stripe:clearing";
    public static final String PLATFORM_REVENUE = "platform:revenue";
    /** Money Stripe withdrew from the platform balance for an open dispute (comes back if the dispute is won). */
    public static final String STRIPE_DISPUTES = "stripe:disputes";
    /** Disputes lost for money the booking no longer held (e.g. already refunded): the platform's loss. */
    public static final String PLATFORM_DISPUTE_LOSSES = "platform:dispute-losses";
    /** The platform's own subscription income: provider-tier and consumer-plan invoices, net of refunds. */
    public static final String PLATFORM_SUBSCRIPTION_FEES = "platform:subscription-fees";

    private LedgerAccounts() {
    }

    public static String escrow(String bookingId) {
        return "escrow:" + bookingId;
    }

    public static String providerPending(String providerId) {
        return "provider:" + providerId + ":pending";
    }

    public static String providerAvailable(String providerId) {
        return "provider:" + providerId + ":available";
    }

    /** Reserved for a payout: on its way to the provider's bank until payout.paid (or back on failure). */
    public static String providerPayoutInTransit(String providerId) {
        return "provider:" + providerId + ":payout-in-transit";
    }

    /**
     * What the provider owes the platform (debit-positive, an asset): a refund or chargeback after release
     * that their available balance did not cover. Future earnings settle it.
     */
    public static String providerReceivable(String providerId) {
        return "provider:" + providerId + ":receivable";
    }

    public static String customerCredits(String customerId) {
        return "customer:" + customerId + ":credits";
    }
}
