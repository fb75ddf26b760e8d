package io.settle.api;

/**
 * A command refused by a domain rule, with a stable code the API maps to a status
 * (e.g. INVALID_STATE → 409, INSUFFICIENT_CREDITS → 402). Nothing was applied.
 */
public class DomainRuleViolation extends RuntimeException {

    public static final String INVALID_STATE = "INVALID_STATE";
    public static final String INSUFFICIENT_CREDITS = "INSUFFICIENT_CREDITS";
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    /** A live subscription in the same family (provider tier, consumer plan, fan tier per provider) exists (→ 409). */
    public static final String ACTIVE_SUBSCRIPTION_EXISTS = "ACTIVE_SUBSCRIPTION_EXISTS";
    /** The payment the request needs was declined (→ 402). */
    public static final String PAYMENT_REQUIRED = "PAYMENT_REQUIRED";
    /** A payout larger than the available balance (→ 402). */
    public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    /** A payout smaller than the configured minimum (→ 422). */
    public static final String BELOW_MINIMUM = "BELOW_MINIMUM";
    /** Only a FAILED payout can be retried (→ 409). */
    public static final String PAYOUT_NOT_FAILED = "PAYOUT_NOT_FAILED";
    /** A payout with a transfer, or a final one, cannot be canceled (→ 409). */
    public static final String PAYOUT_NOT_CANCELABLE = "PAYOUT_NOT_CANCELABLE";
    /** The payout was canceled; a transfer made for it meanwhile must be taken back (→ 409). */
    public static final String PAYOUT_CANCELED = "PAYOUT_CANCELED";
    /** The actor takes part in the aggregate, but not in the role this action needs (→ 403). */
    public static final String WRONG_PARTY = "FORBIDDEN";
    /** The actor takes no part in the aggregate: answered as if it did not exist (→ 404). */
    public static final String NOT_A_PARTY = "NOT_FOUND";

    private final String code;

    public DomainRuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
