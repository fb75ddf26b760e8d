package io.settle.app.gateway.simulator;

import java.util.Map;
import java.util.Optional;

/**
 * What Stripe test mode does with its documented test payment methods. Any other {@code pm_card_*}
 * (pm_card_visa, pm_card_mastercard, ...) succeeds; anything else is not a payment method Stripe knows.
 */
final class TestPaymentMethods {

    enum Kind { SUCCEEDS, DECLINED, REQUIRES_ACTION }

    /** Stripe's {@code last_payment_error}: {@code declineCode} is null for errors that are not bank declines. */
    record Decline(String code, String declineCode, String message) {

        /** What the port reports as the failure code: the decline code, else the error code. */
        String failureCode() {
            return declineCode != null ? declineCode : code;
        }
    }

    record Outcome(Kind kind, Decline decline) {

        static final Outcome SUCCEEDS = new Outcome(Kind.SUCCEEDS, null);
        static final Outcome REQUIRES_ACTION = new Outcome(Kind.REQUIRES_ACTION, null);

        static Outcome declined(String code, String declineCode, String message) {
            return new Outcome(Kind.DECLINED, new Decline(code, declineCode, message));
        }
    }

    private static final String DECLINED = "Your card was declined.";

    private static final Map<String, Outcome> SPECIAL = Map.of(
            "pm_card_chargeDeclined", Outcome.declined("card_declined", "generic_decline", DECLINED),
            "pm_card_chargeDeclinedInsufficientFunds",
            Outcome.declined("card_declined", "insufficient_funds", "Your card has insufficient funds."),
            "pm_card_chargeDeclinedLostCard", Outcome.declined("card_declined", "lost_card", DECLINED),
            "pm_card_chargeDeclinedStolenCard", Outcome.declined("card_declined", "stolen_card", DECLINED),
            "pm_card_chargeDeclinedFraudulent", Outcome.declined("card_declined", "fraudulent", DECLINED),
            "pm_card_chargeDeclinedExpiredCard",
            Outcome.declined("expired_card", null, "Your card has expired."),
            "pm_card_chargeDeclinedProcessingError", Outcome.declined("processing_error", null,
                    "An error occurred while processing your card. Try again in a little bit."),
            "pm_card_threeDSecure2Required", Outcome.REQUIRES_ACTION,
            "pm_card_authenticationRequired", Outcome.REQUIRES_ACTION);

    private TestPaymentMethods() {
    }

    /** Empty when Stripe would answer "No such PaymentMethod". */
    static Optional<Outcome> outcome(String paymentMethodId) {
        if (paymentMethodId == null || !paymentMethodId.startsWith("pm_card_")) {
            return Optional.empty();
        }
        return Optional.of(SPECIAL.getOrDefault(paymentMethodId, Outcome.SUCCEEDS));
    }
}
