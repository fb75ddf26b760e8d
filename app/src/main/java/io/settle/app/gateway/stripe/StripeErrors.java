package io.settle.app.gateway.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentGatewayException.Kind;

/**
 * Sorts stripe-java's exceptions into the port's three kinds. stripe-java has already retried what it
 * retries (see {@link StripeClientFactory#MAX_NETWORK_RETRIES}) by the time one reaches us.
 */
public final class StripeErrors {

    /** Another request with the same Idempotency-Key is still running: its outcome is simply not known yet. */
    static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";

    private StripeErrors() {
    }

    public static PaymentGatewayException translate(String operation, StripeException e) {
        String code = e instanceof CardException card && card.getDeclineCode() != null
                ? card.getDeclineCode()
                : e.getCode();
        return new PaymentGatewayException(kindOf(e), code, describe(operation, e), e);
    }

    static Kind kindOf(StripeException e) {
        if (e instanceof CardException) {
            return Kind.DECLINED;
        }
        if (e instanceof ApiConnectionException || e instanceof RateLimitException) {
            return Kind.TRANSIENT;
        }
        if (e instanceof ApiException) {
            return kindOfApiException(e);
        }
        // InvalidRequestException (400/404), IdempotencyException (400), AuthenticationException (401),
        // PermissionException (403) and anything unknown: the same request will fail again.
        return Kind.PERMANENT;
    }

    /** stripe-java throws ApiException for every status it has no class for: 5xx, 409 and odd ones. */
    private static Kind kindOfApiException(StripeException e) {
        Integer status = e.getStatusCode();
        if (status == null || status >= 500) {
            return Kind.TRANSIENT;
        }
        if (status == 409) {
            // A key reused with other parameters is a bug of ours; a key still in use is a race.
            return IDEMPOTENCY_KEY_IN_USE.equals(e.getCode()) ? Kind.TRANSIENT : Kind.PERMANENT;
        }
        return Kind.PERMANENT;
    }

    private static String describe(String operation, StripeException e) {
        StringBuilder text = new StringBuilder("Stripe ").append(operation).append(" failed");
        if (e.getStatusCode() != null) {
            text.append(" (HTTP ").append(e.getStatusCode());
            if (e.getRequestId() != null) {
                text.append(", ").append(e.getRequestId());
            }
            text.append(')');
        }
        String message = e.getStripeError() != null ? e.getStripeError().getMessage() : e.getMessage();
        return text.append(": ").append(message).toString();
    }
}
