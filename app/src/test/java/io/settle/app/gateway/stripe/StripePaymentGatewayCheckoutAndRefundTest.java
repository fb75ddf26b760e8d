package io.settle.app.gateway.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.settle.app.gateway.stripe.StripeJson.PI_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.settle.saga.payment.CheckoutSessionResult;
import io.settle.saga.payment.CreateCheckoutSession;
import io.settle.saga.payment.CreateRefund;
import io.settle.saga.payment.RefundResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripePaymentGatewayCheckoutAndRefundTest extends StripeWireMockTest {

    private static final String RETURN_URL =
            "https://settle.example/bookings/bk_7d1c2f/return?session_id={CHECKOUT_SESSION_ID}";

    @Test
    void createsAnEmbeddedCheckoutSessionForOneLineItem() {
        stripe.stubFor(post("/v1/checkout/sessions").willReturn(okJson(StripeJson.checkoutSession())));

        CheckoutSessionResult result = gateway.createCheckoutSession(new CreateCheckoutSession(3000, "usd",
                "20 Minute Session", RETURN_URL, "bk_7d1c2f", Map.of("booking_id", "bk_7d1c2f"),
                "booking:bk_7d1c2f:checkout"));

        assertThat(result).isEqualTo(new CheckoutSessionResult("cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ",
                "cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ_secret_fidwbEhqYWAnZkpwdSQl", "open", null));
        LoggedRequest request = onlyRequest(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
        assertAuthenticated(request);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("booking:bk_7d1c2f:checkout");
        // ui_mode=embedded_page is right only from 2026-03-25.dahlia on: recheck it when this version moves
        assertThat(request.getHeader("Stripe-Version")).isEqualTo("2026-07-29.dahlia");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ui_mode", "embedded_page");
        expected.put("mode", "payment");
        expected.put("line_items[0][price_data][currency]", "usd");
        expected.put("line_items[0][price_data][unit_amount]", "3000");
        expected.put("line_items[0][price_data][product_data][name]", "20 Minute Session");
        expected.put("line_items[0][quantity]", "1");
        expected.put("return_url", RETURN_URL);
        expected.put("metadata[booking_id]", "bk_7d1c2f");
        expected.put("payment_intent_data[metadata][booking_id]", "bk_7d1c2f");
        expected.put("payment_intent_data[transfer_group]", "bk_7d1c2f");
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void refundsPartOfAPaymentIntentWithStripesReason() {
        stripe.stubFor(post("/v1/refunds").willReturn(okJson(StripeJson.refund("pending", null))));

        RefundResult result = gateway.refund(new CreateRefund(PI_ID, 1500, "requested_by_customer",
                Map.of("booking_id", "bk_7d1c2f", "attempt", "1"), "booking:bk_7d1c2f:refund:1"));

        assertThat(result).isEqualTo(new RefundResult("re_3QzK8fLkdIwHu7ix1Wn0pQ5r", "pending", 1500, "usd", null));
        LoggedRequest request = onlyRequest(postRequestedFor(urlPathEqualTo("/v1/refunds")));
        assertAuthenticated(request);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("booking:bk_7d1c2f:refund:1");
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "payment_intent", PI_ID,
                "amount", "1500",
                "reason", "requested_by_customer",
                "metadata[booking_id]", "bk_7d1c2f",
                "metadata[attempt]", "1"));
    }

    @Test
    void aReasonStripeDoesNotKnowIsNotSent() {
        stripe.stubFor(post("/v1/refunds").willReturn(okJson(StripeJson.refund("failed", "expired_or_canceled_card"))));

        RefundResult result = gateway.refund(new CreateRefund(PI_ID, 1500, "booking_cancelled",
                Map.of("booking_id", "bk_7d1c2f"), "booking:bk_7d1c2f:refund:2"));

        assertThat(result).isEqualTo(new RefundResult("re_3QzK8fLkdIwHu7ix1Wn0pQ5r", "failed", 1500, "usd",
                "expired_or_canceled_card"));
        LoggedRequest request = onlyRequest(postRequestedFor(urlPathEqualTo("/v1/refunds")));
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "payment_intent", PI_ID,
                "amount", "1500",
                "metadata[booking_id]", "bk_7d1c2f"));
    }
}
