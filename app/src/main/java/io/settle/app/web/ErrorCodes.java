package io.settle.app.web;

import org.springframework.http.HttpStatusCode;

/** The stable {@code code} values of problem responses. Clients branch on these, never on text. */
public final class ErrorCodes {
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String CONFLICT = "CONFLICT";
    public static final String INVALID_STATE = "INVALID_STATE";
    public static final String PAYMENT_REQUIRED = "PAYMENT_REQUIRED";
    public static final String INSUFFICIENT_CREDITS = "INSUFFICIENT_CREDITS";
    public static final String ACTIVE_SUBSCRIPTION_EXISTS = "ACTIVE_SUBSCRIPTION_EXISTS";
    public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    public static final String BELOW_MINIMUM = "BELOW_MINIMUM";
    /** The provider's Connect account is missing, still onboarding or restricted. */
    public static final String PAYOUTS_NOT_ENABLED = "PAYOUTS_NOT_ENABLED";
    /** The Connect account's details are not submitted yet, so Stripe has no dashboard for it. */
    public static final String ONBOARDING_INCOMPLETE = "ONBOARDING_INCOMPLETE";
    /** Only a FAILED payout can be retried. */
    public static final String PAYOUT_NOT_FAILED = "PAYOUT_NOT_FAILED";
    /** The payout already has a transfer, or is final: it cannot be canceled. */
    public static final String PAYOUT_NOT_CANCELABLE = "PAYOUT_NOT_CANCELABLE";
    public static final String PAYMENT_GATEWAY_ERROR = "PAYMENT_GATEWAY_ERROR";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    public static final String IDEMPOTENCY_KEY_IN_USE = "IDEMPOTENCY_KEY_IN_USE";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** A webhook whose Stripe-Signature is missing, wrong or older than the tolerance. */
    public static final String INVALID_SIGNATURE = "INVALID_SIGNATURE";
    /** The resource exists but its current state does not allow the request. */
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private ErrorCodes() {
    }

    /** The code a bare HTTP status stands for, when nothing more specific is known. */
    public static String forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> VALIDATION_ERROR;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? VALIDATION_ERROR : INTERNAL_ERROR;
        };
    }
}
