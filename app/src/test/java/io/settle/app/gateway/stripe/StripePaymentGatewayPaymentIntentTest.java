package io.settle.app.gateway.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.settle.app.gateway.stripe.StripeJson.CHARGE_ID;
import static io.settle.app.gateway.stripe.StripeJson.PI_ID;
import static io.settle.app.gateway.stripe.StripeJson.PI_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.PaymentIntentResult;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StripePaymentGatewayPaymentIntentTest extends StripeWireMockTest {

    private static final String PATH = "/v1/payment_intents";

    @Test
    void createsAndConfirmsThePaymentIntentServerSideWhenAPaymentMethodIsGiven() {
        stripe.stubFor(post(PATH).willReturn(okJson(StripeJson.paymentIntent("succeeded", CHARGE_ID))));

        PaymentIntentResult result = gateway.createPaymentIntent(new CreatePaymentIntent(3000, "usd",
                "pm_card_visa", "20 Minute Session", "bk_7d1c2f", Map.of("booking_id", "bk_7d1c2f"),
                "booking:bk_7d1c2f:pi"));

        assertThat(result).isEqualTo(new PaymentIntentResult(PI_ID, PI_SECRET, "succeeded", 3000, "usd",
                CHARGE_ID, null, null));
        LoggedRequest request = onlyRequest(postRequestedFor(urlPathEqualTo(PATH)));
        assertAuthenticated(request);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("booking:bk_7d1c2f:pi");
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "amount", "3000",
                "currency", "usd",
                "description", "20 Minute Session",
                "transfer_group", "bk_7d1c2f",
                "metadata[booking_id]", "bk_7d1c2f",
                "payment_method", "pm_card_visa",
                "confirm", "true",
                "automatic_payment_methods[enabled]", "true",
                "automatic_payment_methods[allow_redirects]", "never"));
    }

    @Test
    void namesTheCustomerWhenPayingWithASavedPaymentMethod() {
        stripe.stubFor(post(PATH).willReturn(okJson(StripeJson.paymentIntent("succeeded", CHARGE_ID))));

        gateway.createPaymentIntent(new CreatePaymentIntent(3000, "usd", "pm_1Saved", "20 Minute Session",
                "bk_7d1c2f", Map.of("booking_id", "bk_7d1c2f"), "booking:bk_7d1c2f:pi").forCustomer("cus_R2d2"));

        LoggedRequest request = onlyRequest(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(form(request)).containsEntry("customer", "cus_R2d2").containsEntry("payment_method", "pm_1Saved")
                .containsEntry("confirm", "true");
    }

    @Test
    void createsAnUnconfirmedPaymentIntentForTheClientWhenNoPaymentMethodIsGiven() {
        stripe.stubFor(post(PATH).willReturn(okJson(StripeJson.paymentIntent("requires_payment_method", null))));

        PaymentIntentResult result = gateway.createPaymentIntent(new CreatePaymentIntent(3000, "usd", null, null,
                "bk_7d1c2f", Map.of("booking_id", "bk_7d1c2f"), "booking:bk_7d1c2f:pi"));

        assertThat(result).isEqualTo(new PaymentIntentResult(PI_ID, PI_SECRET, "requires_payment_method", 3000,
                "usd", null, null, null));
        assertThat(result.declined()).isFalse();
        LoggedRequest request = onlyRequest(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("booking:bk_7d1c2f:pi");
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "amount", "3000",
                "currency", "usd",
                "transfer_group", "bk_7d1c2f",
                "metadata[booking_id]", "bk_7d1c2f",
                "automatic_payment_methods[enabled]", "true"));
    }

    @Test
    void aCardDeclinedDuringCreationAnswersTheDeclinedIntentInsteadOfThrowing() {
        stripe.stubFor(post(PATH).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_Vq3nT8sLx0aZk1")
                .withBody(StripeJson.cardError("card_declined", "insufficient_funds",
                        "Your card has insufficient funds."))));

        PaymentIntentResult result = gateway.createPaymentIntent(new CreatePaymentIntent(3000, "usd",
                "pm_card_chargeDeclinedInsufficientFunds", "20 Minute Session", "bk_7d1c2f",
                Map.of("booking_id", "bk_7d1c2f"), "booking:bk_7d1c2f:pi"));

        assertThat(result).isEqualTo(new PaymentIntentResult(PI_ID, PI_SECRET, "requires_payment_method", 3000,
                "usd", CHARGE_ID, "insufficient_funds", "Your card has insufficient funds."));
        assertThat(result.declined()).isTrue();
        // a decline is an answer: stripe-java must not retry it
        onlyRequest(postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void confirmsAnExistingPaymentIntentWithThePaymentMethod() {
        String path = PATH + "/" + PI_ID + "/confirm";
        stripe.stubFor(post(path).willReturn(okJson(StripeJson.paymentIntent("succeeded", CHARGE_ID))));

        PaymentIntentResult result = gateway.confirmPaymentIntent(PI_ID, "pm_card_visa", "booking:bk_7d1c2f:confirm");

        assertThat(result).isEqualTo(new PaymentIntentResult(PI_ID, PI_SECRET, "succeeded", 3000, "usd",
                CHARGE_ID, null, null));
        LoggedRequest request = onlyRequest(postRequestedFor(urlPathEqualTo(path)));
        assertAuthenticated(request);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("booking:bk_7d1c2f:confirm");
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of("payment_method", "pm_card_visa"));
    }

    @Test
    void aDeclineWithoutDeclineCodeOnConfirmationReportsTheErrorCode() {
        String path = PATH + "/" + PI_ID + "/confirm";
        stripe.stubFor(post(path).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.cardError("incorrect_cvc", null, "Your card's security code is incorrect."))));

        PaymentIntentResult result = gateway.confirmPaymentIntent(PI_ID, "pm_card_chargeDeclinedIncorrectCvc",
                "booking:bk_7d1c2f:confirm");

        assertThat(result).isEqualTo(new PaymentIntentResult(PI_ID, PI_SECRET, "requires_payment_method", 3000,
                "usd", CHARGE_ID, "incorrect_cvc", "Your card's security code is incorrect."));
    }

    @Test
    void retrievesAPaymentIntentWithItsLastPaymentError() {
        String lastError = """
                {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
                 "message": "Your card was declined."}""";
        stripe.stubFor(get(PATH + "/" + PI_ID)
                .willReturn(okJson(StripeJson.paymentIntent("requires_payment_method", CHARGE_ID, lastError))));

        Optional<PaymentIntentResult> result = gateway.retrievePaymentIntent(PI_ID);

        assertThat(result).contains(new PaymentIntentResult(PI_ID, PI_SECRET, "requires_payment_method", 3000,
                "usd", CHARGE_ID, "generic_decline", "Your card was declined."));
        LoggedRequest request = onlyRequest(getRequestedFor(urlPathEqualTo(PATH + "/" + PI_ID)));
        assertAuthenticated(request);
        assertThat(request.containsHeader("Idempotency-Key")).isFalse();
    }

    @Test
    void retrievingAPaymentIntentStripeDoesNotKnowAnswersEmpty() {
        stripe.stubFor(get(PATH + "/pi_unknown").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error("invalid_request_error", "resource_missing",
                        "No such payment_intent: 'pi_unknown'"))));

        assertThat(gateway.retrievePaymentIntent("pi_unknown")).isEmpty();
    }
}
