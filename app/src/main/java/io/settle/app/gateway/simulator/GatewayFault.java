package io.settle.app.gateway.simulator;

import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentGatewayException.Kind;

/**
 * A failure the simulator can inject into its next API calls, as Stripe's own faults look to a client:
 * a 5xx or a 429 (the request was not carried out), or a timeout after Stripe carried it out (the caller
 * cannot tell it happened). All three are transient: the caller retries with the same idempotency key.
 */
public enum GatewayFault {
    /** HTTP 500 {@code api_error}: nothing was done. */
    SERVER_ERROR,
    /** HTTP 429 {@code rate_limit}: nothing was done. */
    RATE_LIMITED,
    /** The request was carried out, but the response never arrived. */
    TIMEOUT_AFTER_SUCCESS;

    /** Whether Stripe carried the request out before the caller saw the failure. */
    public boolean carriedOut() {
        return this == TIMEOUT_AFTER_SUCCESS;
    }

    public PaymentGatewayException exception() {
        return switch (this) {
            case SERVER_ERROR -> new PaymentGatewayException(Kind.TRANSIENT, "api_error",
                    "Stripe answered 500: an error occurred with our connection to Stripe");
            case RATE_LIMITED -> new PaymentGatewayException(Kind.TRANSIENT, "rate_limit",
                    "Stripe answered 429: too many requests hit the API too quickly");
            case TIMEOUT_AFTER_SUCCESS -> new PaymentGatewayException(Kind.TRANSIENT, null,
                    "Request to Stripe timed out (read timed out)");
        };
    }
}
