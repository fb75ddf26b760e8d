package io.settle.saga.payment;

/** A gateway call that failed; {@link #kind()} says whether retrying with the same idempotency key may help. */
public class PaymentGatewayException extends RuntimeException {

    public enum Kind {
        /** Timeout, connection error, 5xx or 429: the outcome is unknown; retry with the same key, or look it up. */
        TRANSIENT,
        /** The card was declined (Stripe card_error): the payment cannot succeed with this method. */
        DECLINED,
        /** Stripe refused the request as invalid (4xx): retrying the same request will not help. */
        PERMANENT
    }

    private final Kind kind;
    private final String code;

    public PaymentGatewayException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public PaymentGatewayException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Stripe's decline or error code, e.g. {@code card_declined}, {@code insufficient_funds}; may be null. */
    public String code() {
        return code;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}
