package io.settle.app.notify;

/**
 * Every email Settle sends. Each has an HTML and a text template, {@code templates/mail/<template>.html}
 * and {@code .txt}.
 */
public enum NotificationType {
    /** The booking is paid and its money held: to the customer and to the provider. */
    BOOKING_CONFIRMED("booking-confirmed"),
    /** Money went back to the customer (card refund confirmed by Stripe, or credits returned). */
    REFUND_PROCESSED("refund-processed"),
    /** A dispute was opened (by the customer or by the card holder's bank): to both parties. */
    DISPUTE_FILED("dispute-filed"),
    /** The marketplace could not deliver a paid booking; a full refund follows: to both parties. */
    FULFILMENT_FAILED("fulfilment-failed"),
    /** A payout reached the provider's bank. */
    PAYOUT_PAID("payout-paid"),
    /** A payout failed for good; its money is back in the provider's available balance. */
    PAYOUT_FAILED("payout-failed"),
    /** A subscription renewal was charged. */
    SUBSCRIPTION_RENEWED("subscription-renewed"),
    /** A subscription renewal could not be charged; the subscription is past due. */
    SUBSCRIPTION_PAYMENT_FAILED("subscription-payment-failed"),
    /** A subscription ended. */
    SUBSCRIPTION_CANCELED("subscription-canceled"),
    /** To the operators: a refund or payout exhausted its retries, or a Stripe webhook could not be mapped. */
    ADMIN_ALERT("admin-alert");

    private final String template;

    NotificationType(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }
}
