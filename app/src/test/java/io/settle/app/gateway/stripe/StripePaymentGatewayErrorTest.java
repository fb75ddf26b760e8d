package io.settle.app.gateway.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.settle.app.gateway.stripe.StripeJson.CHARGE_ID;
import static io.settle.app.gateway.stripe.StripeJson.PI_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.CreateRefund;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentGatewayException.Kind;
import io.settle.saga.payment.PaymentIntentResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripePaymentGatewayErrorTest extends StripeWireMockTest {

    private static final String PATH = "/v1/payment_intents";
    private static final String KEY = "booking:bk_7d1c2f:pi";
    private static final CreatePaymentIntent REQUEST = new CreatePaymentIntent(3000, "usd", "pm_card_visa",
            "20 Minute Session", "bk_7d1c2f", Map.of("booking_id", "bk_7d1c2f"), KEY);

    @Test
    void aServerErrorIsRetriedWithTheSameKeyAndThenTransient() {
        stripe.stubFor(post(PATH).willReturn(json(500, StripeJson.error("api_error", null,
                "An unknown error occurred"))));

        PaymentGatewayException failure = createFails();

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.code()).isNull();
        assertThat(failure.getMessage()).isEqualTo(
                "Stripe create payment intent failed (HTTP 500): An unknown error occurred");
        assertSentTimesWithTheSameKey(1 + StripeClientFactory.MAX_NETWORK_RETRIES);
    }

    @Test
    void aRetryAfterAServerErrorThatSucceedsAnswersTheResult() {
        stripe.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(json(503, StripeJson.error("api_error", null, "Service unavailable")))
                .willSetStateTo("recovered"));
        stripe.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(StripeJson.paymentIntent("succeeded", CHARGE_ID))));

        PaymentIntentResult result = gateway.createPaymentIntent(REQUEST);

        assertThat(result.id()).isEqualTo(PI_ID);
        assertThat(result.status()).isEqualTo("succeeded");
        assertSentTimesWithTheSameKey(2);
    }

    @Test
    void aRateLimitIsTransientWithStripesCode() {
        stripe.stubFor(post(PATH).willReturn(json(429, StripeJson.error("invalid_request_error", "rate_limit",
                "Too many requests hit the API too quickly."))));

        PaymentGatewayException failure = createFails();

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("rate_limit");
        // stripe-java leaves a 429 to the caller unless Stripe says Stripe-Should-Retry: true
        assertSentTimesWithTheSameKey(1);
    }

    @Test
    void aRateLimitStripeMarksRetryableIsRetriedWithTheSameKey() {
        stripe.stubFor(post(PATH).willReturn(json(429, StripeJson.error("invalid_request_error", "lock_timeout",
                "This object cannot be accessed right now because another API request is modifying it."))
                .withHeader("Stripe-Should-Retry", "true")));

        PaymentGatewayException failure = createFails();

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("lock_timeout");
        assertSentTimesWithTheSameKey(1 + StripeClientFactory.MAX_NETWORK_RETRIES);
    }

    @Test
    void aConnectionResetIsTransient() {
        stripe.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        PaymentGatewayException failure = createFails();

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.getCause()).isInstanceOf(com.stripe.exception.ApiConnectionException.class);
        // stripe-java retries only connect failures and timeouts, not a reset; the second request is the
        // JDK's HttpURLConnection re-sending a POST once when the response never came (sun.net.http.retryPost)
        assertSentTimesWithTheSameKey(2);
    }

    @Test
    void aReadTimeoutIsRetriedWithTheSameKeyAndThenTransient() {
        stripe.stubFor(post(PATH).willReturn(okJson(StripeJson.paymentIntent("succeeded", CHARGE_ID))
                .withFixedDelay(1_000)));
        StripePaymentGateway impatient = gatewayWithReadTimeout(Duration.ofMillis(200));

        PaymentGatewayException failure = catchThrowableOfType(PaymentGatewayException.class,
                () -> impatient.createPaymentIntent(REQUEST));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.getCause()).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
        assertSentTimesWithTheSameKey(1 + StripeClientFactory.MAX_NETWORK_RETRIES);
    }

    @Test
    void anInvalidRequestIsPermanentWithStripesCode() {
        stripe.stubFor(post(PATH).willReturn(json(400, StripeJson.error("invalid_request_error",
                "amount_too_small", "Amount must be at least $0.50 usd"))));

        PaymentGatewayException failure = createFails();

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.code()).isEqualTo("amount_too_small");
        assertThat(failure.getMessage()).isEqualTo(
                "Stripe create payment intent failed (HTTP 400): Amount must be at least $0.50 usd");
        assertSentTimesWithTheSameKey(1);
    }

    @Test
    void aWrongApiKeyIsPermanent() {
        stripe.stubFor(post(PATH).willReturn(json(401, StripeJson.error("invalid_request_error", "api_key_expired",
                "Expired API Key provided: sk_test_****Key"))));

        PaymentGatewayException failure = createFails();

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.code()).isEqualTo("api_key_expired");
    }

    @Test
    void aKeyReusedWithOtherParametersIsPermanent() {
        stripe.stubFor(post(PATH).willReturn(json(400, StripeJson.error("idempotency_error", null,
                "Keys for idempotent requests can only be used with the same parameters they were first used with."))));

        PaymentGatewayException failure = createFails();

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getCause()).isInstanceOf(com.stripe.exception.IdempotencyException.class);
    }

    @Test
    void aKeyStillInUseByAnotherRequestIsTransient() {
        stripe.stubFor(post(PATH).willReturn(json(409, StripeJson.error("invalid_request_error",
                "idempotency_key_in_use",
                "There is currently another in-progress request using this Idempotent Key."))));

        PaymentGatewayException failure = createFails();

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("idempotency_key_in_use");
        assertSentTimesWithTheSameKey(1 + StripeClientFactory.MAX_NETWORK_RETRIES);
    }

    @Test
    void aConflictOtherThanAKeyInUseIsPermanent() {
        stripe.stubFor(post(PATH).willReturn(json(409, StripeJson.error("idempotency_error", "idempotency_error",
                "Keys for idempotent requests can only be used for the same endpoint they were first used for."))));

        PaymentGatewayException failure = createFails();

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void aCardErrorWithoutAPaymentIntentIsADeclinedException() {
        stripe.stubFor(post("/v1/refunds").willReturn(json(402, """
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "stolen_card",
                           "message": "Your card was declined."}}""")));

        PaymentGatewayException failure = catchThrowableOfType(PaymentGatewayException.class,
                () -> gateway.refund(new CreateRefund(PI_ID, 1500, null, Map.of(), "booking:bk_7d1c2f:refund:1")));

        assertThat(failure.kind()).isEqualTo(Kind.DECLINED);
        assertThat(failure.code()).isEqualTo("stolen_card");
    }

    @Test
    void aDeclineOnConfirmationWithoutTheIntentInTheBodyIsADeclinedException() {
        stripe.stubFor(post(PATH + "/" + PI_ID + "/confirm").willReturn(json(402, StripeJson.error("card_error",
                "expired_card", "Your card has expired."))));

        PaymentGatewayException failure = catchThrowableOfType(PaymentGatewayException.class,
                () -> gateway.confirmPaymentIntent(PI_ID, "pm_card_chargeDeclinedExpiredCard", "k"));

        assertThat(failure.kind()).isEqualTo(Kind.DECLINED);
        assertThat(failure.code()).isEqualTo("expired_card");
    }

    private PaymentGatewayException createFails() {
        return catchThrowableOfType(PaymentGatewayException.class, () -> gateway.createPaymentIntent(REQUEST));
    }

    private void assertSentTimesWithTheSameKey(int times) {
        List<LoggedRequest> requests = stripe.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(requests).hasSize(times)
                .allSatisfy(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(KEY));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
