package io.settle.saga.payment;

import java.util.Map;

/**
 * An embedded-mode Checkout Session (ui_mode=embedded) selling one line item. {@code metadata} is set on
 * both the session and its PaymentIntent (payment_intent_data.metadata), with the same transfer group.
 */
public record CreateCheckoutSession(long amount, String currency, String productName, String returnUrl,
                                    String transferGroup, Map<String, String> metadata, String idempotencyKey) {
}
