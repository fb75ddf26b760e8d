package io.settle.saga.payment;

import java.util.Map;

/** Refund {@code amount} (minor units) of the PaymentIntent's charge. */
public record CreateRefund(String paymentIntentId, long amount, String reason, Map<String, String> metadata,
                           String idempotencyKey) {
}
