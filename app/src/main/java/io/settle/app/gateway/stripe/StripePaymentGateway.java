package io.settle.app.gateway.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import io.settle.app.gateway.StripeSettings;
import io.settle.saga.payment.CheckoutSessionResult;
import io.settle.saga.payment.CreateCheckoutSession;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.CreateRefund;
import io.settle.saga.payment.PaymentGateway;
import io.settle.saga.payment.PaymentIntentResult;
import io.settle.saga.payment.RefundResult;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The {@link PaymentGateway} on the real Stripe API (or whatever server STRIPE_API_BASE names), through
 * stripe-java. Every POST carries the caller's idempotency key, which stripe-java also re-sends on its
 * own network retries.
 */
@Component
@ConditionalOnProperty(name = "settle.stripe.gateway", havingValue = StripeSettings.STRIPE)
public class StripePaymentGateway implements PaymentGateway {

    private static final String RESOURCE_MISSING = "resource_missing";

    private final StripeClient stripe;
    private final String mode;

    public StripePaymentGateway(StripeSettings settings,
                                @Value("${settle.stripe.connect-timeout:5s}") Duration connectTimeout,
                                @Value("${settle.stripe.read-timeout:20s}") Duration readTimeout) {
        this.stripe = StripeClientFactory.create(settings, connectTimeout, readTimeout);
        this.mode = settings.mode();
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public PaymentIntentResult createPaymentIntent(CreatePaymentIntent request) {
        String operation = "create payment intent";
        try {
            return StripeResults.paymentIntent(stripe.v1().paymentIntents()
                    .create(StripeParams.paymentIntent(request), idempotent(request.idempotencyKey())));
        } catch (CardException e) {
            return declinedPaymentIntent(operation, e);
        } catch (StripeException e) {
            throw StripeErrors.translate(operation, e);
        }
    }

    @Override
    public PaymentIntentResult confirmPaymentIntent(String paymentIntentId, String paymentMethodId,
                                                    String idempotencyKey) {
        String operation = "confirm payment intent " + paymentIntentId;
        try {
            return StripeResults.paymentIntent(stripe.v1().paymentIntents().confirm(paymentIntentId,
                    StripeParams.confirmation(paymentMethodId), idempotent(idempotencyKey)));
        } catch (CardException e) {
            return declinedPaymentIntent(operation, e);
        } catch (StripeException e) {
            throw StripeErrors.translate(operation, e);
        }
    }

    @Override
    public Optional<PaymentIntentResult> retrievePaymentIntent(String paymentIntentId) {
        try {
            return Optional.of(StripeResults.paymentIntent(stripe.v1().paymentIntents().retrieve(paymentIntentId)));
        } catch (InvalidRequestException e) {
            if (RESOURCE_MISSING.equals(e.getCode())) {
                return Optional.empty();
            }
            throw StripeErrors.translate("retrieve payment intent " + paymentIntentId, e);
        } catch (StripeException e) {
            throw StripeErrors.translate("retrieve payment intent " + paymentIntentId, e);
        }
    }

    @Override
    public CheckoutSessionResult createCheckoutSession(CreateCheckoutSession request) {
        try {
            return StripeResults.checkoutSession(stripe.v1().checkout().sessions()
                    .create(StripeParams.checkoutSession(request), idempotent(request.idempotencyKey())));
        } catch (StripeException e) {
            throw StripeErrors.translate("create checkout session", e);
        }
    }

    @Override
    public RefundResult refund(CreateRefund request) {
        try {
            return StripeResults.refund(stripe.v1().refunds()
                    .create(StripeParams.refund(request), idempotent(request.idempotencyKey())));
        } catch (StripeException e) {
            throw StripeErrors.translate("refund payment intent " + request.paymentIntentId(), e);
        }
    }

    /** A decline that left an intent behind is an answer, not a failure; without one it is an exception. */
    private static PaymentIntentResult declinedPaymentIntent(String operation, CardException e) {
        StripeError error = e.getStripeError();
        if (error == null || error.getPaymentIntent() == null) {
            throw StripeErrors.translate(operation, e);
        }
        return StripeResults.declinedPaymentIntent(error);
    }

    private static RequestOptions idempotent(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("Every POST to Stripe needs an idempotency key");
        }
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
