package io.settle.api.booking;

/** How a booking is paid: by card through Stripe, or from the customer's platform credits. */
public enum PaymentSource {
    CARD, CREDITS
}
