package io.settle.saga.payment;

import java.util.Map;

/**
 * @param paymentMethodId when set, the intent is confirmed server-side at once; otherwise the client
 *                        confirms it with the client secret
 * @param transferGroup   Stripe's transfer_group, so later transfers to the provider link to this charge
 * @param metadata        copied to the PaymentIntent (e.g. booking_id) and visible in webhooks
 * @param customer        the Stripe customer the payment method is saved on, or null for a one-off card:
 *                        Stripe refuses a saved payment method without its customer
 */
public record CreatePaymentIntent(long amount, String currency, String paymentMethodId, String description,
                                  String transferGroup, Map<String, String> metadata, String idempotencyKey,
                                  String customer) {

    public CreatePaymentIntent(long amount, String currency, String paymentMethodId, String description,
                               String transferGroup, Map<String, String> metadata, String idempotencyKey) {
        this(amount, currency, paymentMethodId, description, transferGroup, metadata, idempotencyKey, null);
    }

    public CreatePaymentIntent forCustomer(String stripeCustomer) {
        return new CreatePaymentIntent(amount, currency, paymentMethodId, description, transferGroup, metadata,
                idempotencyKey, stripeCustomer);
    }
}
