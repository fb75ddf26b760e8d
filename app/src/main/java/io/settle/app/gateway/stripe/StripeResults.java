package io.settle.app.gateway.stripe;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.model.checkout.Session;
import io.settle.saga.payment.CheckoutSessionResult;
import io.settle.saga.payment.PaymentIntentResult;
import io.settle.saga.payment.RefundResult;

/** Translates stripe-java objects into the port's result records. */
final class StripeResults {

    private StripeResults() {
    }

    static PaymentIntentResult paymentIntent(PaymentIntent intent) {
        StripeError lastError = intent.getLastPaymentError();
        return paymentIntent(intent, lastError == null ? null : failureCode(lastError),
                lastError == null ? null : lastError.getMessage());
    }

    /**
     * A decline while confirming: Stripe answers 402 but the intent exists, and the error body carries it
     * (usually in status requires_payment_method). The decline itself is the error, so take the code from it.
     */
    static PaymentIntentResult declinedPaymentIntent(StripeError decline) {
        return paymentIntent(decline.getPaymentIntent(), failureCode(decline), decline.getMessage());
    }

    static CheckoutSessionResult checkoutSession(Session session) {
        return new CheckoutSessionResult(session.getId(), session.getClientSecret(), session.getStatus(),
                session.getPaymentIntent());
    }

    static RefundResult refund(Refund refund) {
        return new RefundResult(refund.getId(), refund.getStatus(), zeroIfNull(refund.getAmount()),
                refund.getCurrency(), refund.getFailureReason());
    }

    /** The decline code (e.g. insufficient_funds) says more than the error code (card_declined). */
    static String failureCode(StripeError error) {
        return error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
    }

    private static PaymentIntentResult paymentIntent(PaymentIntent intent, String failureCode, String failureMessage) {
        return new PaymentIntentResult(intent.getId(), intent.getClientSecret(), intent.getStatus(),
                zeroIfNull(intent.getAmount()), intent.getCurrency(), intent.getLatestCharge(),
                failureCode, failureMessage);
    }

    private static long zeroIfNull(Long amount) {
        return amount == null ? 0L : amount;
    }
}
