package io.settle.app.gateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.gateway.StripeSettings;
import io.settle.saga.payment.CheckoutSessionResult;
import io.settle.saga.payment.CreateCheckoutSession;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.CreateRefund;
import io.settle.saga.payment.PaymentGateway;
import io.settle.saga.payment.PaymentIntentResult;
import io.settle.saga.payment.RefundResult;
import java.util.Optional;

/** The {@link PaymentGateway} on the built-in {@link SimulatedStripe}, read from its Stripe-shaped JSON. */
public class SimulatorPaymentGateway implements PaymentGateway {

    private final SimulatedStripe stripe;

    public SimulatorPaymentGateway(SimulatedStripe stripe) {
        this.stripe = stripe;
    }

    @Override
    public String mode() {
        return StripeSettings.SIMULATOR;
    }

    @Override
    public PaymentIntentResult createPaymentIntent(CreatePaymentIntent request) {
        return paymentIntent(stripe.createPaymentIntent(request));
    }

    @Override
    public PaymentIntentResult confirmPaymentIntent(String paymentIntentId, String paymentMethodId,
                                                    String idempotencyKey) {
        return paymentIntent(stripe.confirmPaymentIntent(paymentIntentId, paymentMethodId, idempotencyKey));
    }

    @Override
    public Optional<PaymentIntentResult> retrievePaymentIntent(String paymentIntentId) {
        return stripe.retrievePaymentIntent(paymentIntentId).map(SimulatorPaymentGateway::paymentIntent);
    }

    @Override
    public CheckoutSessionResult createCheckoutSession(CreateCheckoutSession request) {
        JsonNode session = stripe.createCheckoutSession(request);
        return new CheckoutSessionResult(text(session, "id"), text(session, "client_secret"),
                text(session, "status"), text(session, "payment_intent"));
    }

    @Override
    public RefundResult refund(CreateRefund request) {
        JsonNode refund = stripe.createRefund(request);
        return new RefundResult(text(refund, "id"), text(refund, "status"), refund.path("amount").asLong(),
                text(refund, "currency"), text(refund, "failure_reason"));
    }

    static PaymentIntentResult paymentIntent(JsonNode intent) {
        JsonNode error = intent.path("last_payment_error");
        String failureCode = null;
        String failureMessage = null;
        if (error.isObject()) {
            failureCode = Optional.ofNullable(text(error, "decline_code")).orElse(text(error, "code"));
            failureMessage = text(error, "message");
        }
        return new PaymentIntentResult(text(intent, "id"), text(intent, "client_secret"), text(intent, "status"),
                intent.path("amount").asLong(), text(intent, "currency"), text(intent, "latest_charge"),
                failureCode, failureMessage);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
