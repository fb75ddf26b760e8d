package io.settle.app.outgoing;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Every event Settle delivers to the marketplace app's webhook endpoints, by its wire name. */
public enum OutgoingEventType {
    /** FundsHeld: the booking is paid and its money held in escrow. */
    BOOKING_PAID("booking.paid"),
    /** PaymentFailed: the card was declined or the payment failed. */
    BOOKING_PAYMENT_FAILED("booking.payment_failed"),
    /** BookingCancelled. */
    BOOKING_CANCELLED("booking.cancelled"),
    /** DisputeOpened: by the customer or by the card holder's bank. */
    BOOKING_DISPUTED("booking.disputed"),
    /** DisputeResolved: RELEASE, REFUND or PARTIAL_REFUND. */
    BOOKING_DISPUTE_RESOLVED("booking.dispute_resolved"),
    /** EscrowReleased: the provider's share moved to their available balance. */
    BOOKING_RELEASED("booking.released"),
    /** BookingFulfilmentFailed: reported by the marketplace; a full refund follows. */
    BOOKING_FULFILMENT_FAILED("booking.fulfilment_failed"),
    /** BookingRefunded: money went back to the customer. */
    BOOKING_REFUNDED("booking.refunded"),
    /** RefundFailed: a refund exhausted its retries. */
    BOOKING_REFUND_FAILED("booking.refund_failed"),
    /** PayoutPaid: the payout reached the provider's bank. */
    PAYOUT_PAID("payout.paid"),
    /** PayoutFailed: the payout failed for good; the funds are back in available. */
    PAYOUT_FAILED("payout.failed"),
    /** SubscriptionStarted. */
    SUBSCRIPTION_CREATED("subscription.created"),
    /** SubscriptionPlanChanged. */
    SUBSCRIPTION_PLAN_CHANGED("subscription.plan_changed"),
    /** SubscriptionInvoicePaid: the first payment or a renewal. */
    SUBSCRIPTION_INVOICE_PAID("subscription.invoice_paid"),
    /** SubscriptionInvoicePaymentFailed. */
    SUBSCRIPTION_PAYMENT_FAILED("subscription.payment_failed"),
    /** SubscriptionPastDue: in the grace period after a failed renewal. */
    SUBSCRIPTION_PAST_DUE("subscription.past_due"),
    /** SubscriptionCanceled. */
    SUBSCRIPTION_CANCELED("subscription.canceled");

    private final String wireName;

    OutgoingEventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<OutgoingEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
