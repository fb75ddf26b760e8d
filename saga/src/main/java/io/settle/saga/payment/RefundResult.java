package io.settle.saga.payment;

/** Stripe refund statuses: pending, requires_action, succeeded, failed, canceled. */
public record RefundResult(String id, String status, long amount, String currency, String failureReason) {
}
