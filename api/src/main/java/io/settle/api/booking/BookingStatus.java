package io.settle.api.booking;

public enum BookingStatus {
    REQUESTED, PAYMENT_PENDING, PAYMENT_FAILED, PAID, IN_PROGRESS, COMPLETED, RELEASED, CANCELLED,
    DISPUTED, REFUND_PENDING, REFUNDED, PARTIALLY_REFUNDED,
    /** A Stripe dispute (chargeback) was lost: the customer kept the disputed money. */
    CHARGED_BACK
}
