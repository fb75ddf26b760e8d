package io.settle.app.gateway.stripe;

import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentCreateParams.AutomaticPaymentMethods;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import io.settle.saga.payment.CreateCheckoutSession;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.CreateRefund;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** Translates the port's request records into stripe-java parameter objects (form fields on the wire). */
final class StripeParams {

    private StripeParams() {
    }

    static PaymentIntentCreateParams paymentIntent(CreatePaymentIntent request) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount())
                .setCurrency(request.currency())
                .setDescription(request.description())
                .setTransferGroup(request.transferGroup())
                .putAllMetadata(orEmpty(request.metadata()));
        if (request.customer() != null) {
            params.setCustomer(request.customer());
        }
        AutomaticPaymentMethods.Builder paymentMethods = AutomaticPaymentMethods.builder().setEnabled(true);
        if (request.paymentMethodId() != null) {
            // Confirming server-side there is no browser to come back to: without allow_redirects=never
            // Stripe would demand a return_url.
            params.setPaymentMethod(request.paymentMethodId()).setConfirm(true);
            paymentMethods.setAllowRedirects(AutomaticPaymentMethods.AllowRedirects.NEVER);
        }
        return params.setAutomaticPaymentMethods(paymentMethods.build()).build();
    }

    static PaymentIntentConfirmParams confirmation(String paymentMethodId) {
        return PaymentIntentConfirmParams.builder().setPaymentMethod(paymentMethodId).build();
    }

    /**
     * ui_mode is {@code embedded_page}: the API version stripe-java 33 pins (2026-07-29.dahlia) renamed
     * {@code embedded} to {@code embedded_page} and rejects the old value.
     */
    static SessionCreateParams checkoutSession(CreateCheckoutSession request) {
        Map<String, String> metadata = orEmpty(request.metadata());
        return SessionCreateParams.builder()
                .setUiMode(SessionCreateParams.UiMode.EMBEDDED_PAGE)
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(LineItem.builder()
                        .setPriceData(PriceData.builder()
                                .setCurrency(request.currency())
                                .setUnitAmount(request.amount())
                                .setProductData(PriceData.ProductData.builder().setName(request.productName()).build())
                                .build())
                        .setQuantity(1L)
                        .build())
                .setReturnUrl(request.returnUrl())
                .putAllMetadata(metadata)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putAllMetadata(metadata)
                        .setTransferGroup(request.transferGroup())
                        .build())
                .build();
    }

    /** Stripe accepts only its own reasons; any other reason of ours is not sent (Stripe would answer 400). */
    static RefundCreateParams refund(CreateRefund request) {
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(request.paymentIntentId())
                .setAmount(request.amount())
                .putAllMetadata(orEmpty(request.metadata()));
        stripeReason(request.reason()).ifPresent(params::setReason);
        return params.build();
    }

    static Optional<RefundCreateParams.Reason> stripeReason(String reason) {
        return Arrays.stream(RefundCreateParams.Reason.values())
                .filter(allowed -> allowed.getValue().equals(reason))
                .findFirst();
    }

    private static Map<String, String> orEmpty(Map<String, String> metadata) {
        return metadata == null ? Map.of() : metadata;
    }
}
