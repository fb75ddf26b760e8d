package io.settle.app.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.settle.saga.payment.CheckoutSessionResult;
import io.settle.saga.payment.CreateCheckoutSession;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.CreateRefund;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentIntentResult;
import io.settle.saga.payment.RefundResult;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorPaymentGatewayTest {

    private final RecordingSink sink = new RecordingSink();
    private final SimulatedStripe stripe = new SimulatedStripe(sink, Clock.systemUTC());
    private final SimulatorPaymentGateway gateway = new SimulatorPaymentGateway(stripe);

    private static CreatePaymentIntent payment(String paymentMethodId, String key) {
        return new CreatePaymentIntent(3000, "USD", paymentMethodId, "Session", "bk-1", Map.of("booking_id", "bk-1"),
                key);
    }

    @Test
    void modeIsSimulator() {
        assertThat(gateway.mode()).isEqualTo("simulator");
    }

    @Test
    void succeededPaymentCarriesItsCharge() {
        PaymentIntentResult result = gateway.createPaymentIntent(payment("pm_card_visa", "pay-bk-1"));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.declined()).isFalse();
        assertThat(result.status()).isEqualTo("succeeded");
        assertThat(result.amount()).isEqualTo(3000);
        assertThat(result.currency()).isEqualTo("usd");
        assertThat(result.clientSecret()).startsWith(result.id() + "_secret_");
        assertThat(result.latestChargeId()).startsWith("ch_sim_");
        assertThat(result.failureCode()).isNull();
        assertThat(result.failureMessage()).isNull();
        assertThat(gateway.retrievePaymentIntent(result.id())).contains(result);
    }

    @Test
    void declineIsAResultWithTheDeclineCodeNotAnException() {
        PaymentIntentResult result = gateway.createPaymentIntent(payment("pm_card_chargeDeclined", "pay-bk-1"));

        assertThat(result.declined()).isTrue();
        assertThat(result.status()).isEqualTo("requires_payment_method");
        assertThat(result.failureCode()).isEqualTo("generic_decline");
        assertThat(result.failureMessage()).isEqualTo("Your card was declined.");
        assertThat(result.latestChargeId()).isNull();
    }

    @Test
    void insufficientFundsReportsItsDeclineCode() {
        PaymentIntentResult result = gateway.createPaymentIntent(
                payment("pm_card_chargeDeclinedInsufficientFunds", null));

        assertThat(result.declined()).isTrue();
        assertThat(result.failureCode()).isEqualTo("insufficient_funds");
    }

    @Test
    void errorWithoutDeclineCodeReportsTheErrorCode() {
        PaymentIntentResult result = gateway.createPaymentIntent(payment("pm_card_chargeDeclinedExpiredCard", null));

        assertThat(result.declined()).isTrue();
        assertThat(result.failureCode()).isEqualTo("expired_card");
    }

    @Test
    void clientSideConfirmationGoesThroughThreeDSecure() {
        PaymentIntentResult created = gateway.createPaymentIntent(payment(null, "pay-bk-1"));
        assertThat(created.status()).isEqualTo("requires_payment_method");
        assertThat(created.declined()).isFalse();

        PaymentIntentResult challenged = gateway.confirmPaymentIntent(created.id(), "pm_card_threeDSecure2Required",
                "confirm-1");
        PaymentIntentResult authenticated = gateway.confirmPaymentIntent(created.id(), null, "confirm-2");

        assertThat(challenged.status()).isEqualTo("requires_action");
        assertThat(authenticated.succeeded()).isTrue();
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
    }

    @Test
    void unknownIntentIsEmpty() {
        assertThat(gateway.retrievePaymentIntent("pi_sim_unknown")).isEmpty();
    }

    @Test
    void refundReturnsASucceededRefund() {
        PaymentIntentResult paid = gateway.createPaymentIntent(payment("pm_card_visa", null));

        RefundResult refund = gateway.refund(new CreateRefund(paid.id(), 1200, "requested_by_customer", Map.of(),
                "refund-bk-1-1"));

        assertThat(refund.id()).startsWith("re_sim_");
        assertThat(refund.status()).isEqualTo("succeeded");
        assertThat(refund.amount()).isEqualTo(1200);
        assertThat(refund.currency()).isEqualTo("usd");
        assertThat(refund.failureReason()).isNull();
    }

    @Test
    void refundAboveTheChargeIsAPermanentFailure() {
        PaymentIntentResult paid = gateway.createPaymentIntent(payment("pm_card_visa", null));

        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> gateway.refund(new CreateRefund(paid.id(), 3001, null, Map.of(), "refund-1")));

        assertThat(error.isTransient()).isFalse();
        assertThat(error.kind()).isEqualTo(PaymentGatewayException.Kind.PERMANENT);
        assertThat(error.code()).isEqualTo("amount_too_large");
    }

    @Test
    void checkoutSessionStartsOpenWithoutPaymentIntent() {
        CheckoutSessionResult session = gateway.createCheckoutSession(new CreateCheckoutSession(3000, "usd",
                "Session", "http://localhost/done", "bk-1", Map.of("booking_id", "bk-1"), "checkout-bk-1"));

        assertThat(session.id()).startsWith("cs_sim_");
        assertThat(session.clientSecret()).startsWith(session.id() + "_secret_");
        assertThat(session.status()).isEqualTo("open");
        assertThat(session.paymentIntentId()).isNull();
        assertThat(sink.events()).isEmpty();
    }
}
