package io.settle.app.gateway.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.settle.api.Money;
import io.settle.api.subscription.BillingInterval;
import io.settle.app.gateway.StripeSettings;
import io.settle.app.gateway.stripe.billing.StripeBillingGateway;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.subscription.BillingGateway.NewSubscription;
import io.settle.saga.subscription.BillingGateway.PriceRef;
import io.settle.saga.subscription.BillingSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeBillingGatewayTest extends StripeWireMockTest {

    private static final PriceRef PREMIUM = new PriceRef("price_premium", Money.of(9900, "usd"), BillingInterval.month);
    private static final String SUBSCRIPTION = """
            {"id": "sub_1", "object": "subscription", "customer": "cus_1", "status": "trialing",
             "cancel_at_period_end": false, "trial_end": 1767225600, "metadata": {"settle_subscription_id": "sub_ours"},
             "items": {"object": "list", "data": [{"id": "si_1", "object": "subscription_item",
               "current_period_start": 1766620800, "current_period_end": 1767225600,
               "price": {"id": "price_premium", "object": "price"}}]}}
            """;

    private StripeBillingGateway billing;

    @BeforeEach
    void billingGateway() {
        billing = new StripeBillingGateway(new StripeSettings(StripeSettings.STRIPE, SECRET_KEY, "pk_test_x",
                "whsec_wiremock", "", stripe.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void createsASubscriptionThatFailsRatherThanStayIncomplete() {
        stripe.stubFor(post("/v1/subscriptions").willReturn(okJson(SUBSCRIPTION)));

        BillingSubscription created = billing.createSubscription(new NewSubscription("cus_1", PREMIUM, 7,
                Map.of("settle_subscription_id", "sub_ours"), "subscription:sub_ours:create"));

        assertThat(created).isEqualTo(new BillingSubscription("sub_1", "cus_1", "trialing", "price_premium",
                Instant.ofEpochSecond(1766620800), Instant.ofEpochSecond(1767225600), Instant.ofEpochSecond(1767225600),
                false, Map.of("settle_subscription_id", "sub_ours")));
        LoggedRequest request = onlyRequest(postRequestedFor(urlPathEqualTo("/v1/subscriptions")));
        assertAuthenticated(request);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("subscription:sub_ours:create");
        assertThat(form(request)).containsEntry("customer", "cus_1")
                .containsEntry("items[0][price]", "price_premium")
                .containsEntry("payment_behavior", "error_if_incomplete")
                .containsEntry("trial_period_days", "7")
                .containsEntry("metadata[settle_subscription_id]", "sub_ours");
    }

    @Test
    void aDeclinedFirstPaymentIsADeclinedException() {
        stripe.stubFor(post("/v1/subscriptions").willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.cardError("card_declined", "generic_decline", "Your card was declined."))));

        PaymentGatewayException failure = catchThrowableOfType(PaymentGatewayException.class,
                () -> billing.createSubscription(new NewSubscription("cus_1", PREMIUM, 0, Map.of(), "k")));

        assertThat(failure.kind()).isEqualTo(PaymentGatewayException.Kind.DECLINED);
        assertThat(failure.code()).isEqualTo("generic_decline");
    }

    @Test
    void anUpgradeIsInvoicedAtOnceAndOnlyAppliedWhenPaid() {
        stripe.stubFor(get("/v1/subscriptions/sub_1").willReturn(okJson(SUBSCRIPTION)));
        stripe.stubFor(post("/v1/subscriptions/sub_1").willReturn(okJson(SUBSCRIPTION)));

        billing.changePrice("sub_1", PREMIUM, true, "subscription:sub_ours:plan:premium");

        LoggedRequest request = onlyRequest(postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_1")));
        assertThat(form(request)).containsEntry("items[0][id]", "si_1")
                .containsEntry("items[0][price]", "price_premium")
                .containsEntry("proration_behavior", "always_invoice")
                .containsEntry("payment_behavior", "pending_if_incomplete");
    }

    @Test
    void anUnknownSubscriptionIsEmpty() {
        stripe.stubFor(get("/v1/subscriptions/sub_gone").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error("invalid_request_error", "resource_missing", "No such subscription"))));

        assertThat(billing.retrieveSubscription("sub_gone")).isEmpty();
    }

    @Test
    void aDowngradeAtPeriodEndIsASubscriptionScheduleWithTwoPhases() {
        stripe.stubFor(get("/v1/subscriptions/sub_1").willReturn(okJson(SUBSCRIPTION)));
        stripe.stubFor(post("/v1/subscription_schedules").willReturn(okJson(
                "{\"id\": \"sub_sched_1\", \"object\": \"subscription_schedule\"}")));
        stripe.stubFor(post("/v1/subscription_schedules/sub_sched_1").willReturn(okJson(
                "{\"id\": \"sub_sched_1\", \"object\": \"subscription_schedule\"}")));
        PriceRef entry = new PriceRef("price_entry", Money.of(2900, "usd"), BillingInterval.month);

        BillingSubscription after = billing.schedulePriceChange("sub_1", entry, "subscription:sub_ours:schedule:x");

        assertThat(after.priceId()).isEqualTo("price_premium");
        LoggedRequest create = onlyRequest(postRequestedFor(urlPathEqualTo("/v1/subscription_schedules")));
        assertThat(form(create)).containsEntry("from_subscription", "sub_1");
        LoggedRequest update = onlyRequest(postRequestedFor(urlPathEqualTo("/v1/subscription_schedules/sub_sched_1")));
        assertThat(update.getHeader("Idempotency-Key")).isEqualTo("subscription:sub_ours:schedule:x");
        assertThat(form(update)).containsEntry("end_behavior", "release")
                .containsEntry("phases[0][items][0][price]", "price_premium")
                .containsEntry("phases[0][start_date]", "1766620800")
                .containsEntry("phases[0][end_date]", "1767225600")
                .containsEntry("phases[1][items][0][price]", "price_entry")
                .containsEntry("phases[1][proration_behavior]", "none");
    }

    @Test
    void findsTheInvoiceAPaymentIntentPaid() {
        stripe.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/invoice_payments"))
                .willReturn(okJson("""
                        {"object": "list", "has_more": false, "url": "/v1/invoice_payments", "data": [
                          {"id": "inpay_1", "object": "invoice_payment", "invoice": "in_1",
                           "payment": {"type": "payment_intent", "payment_intent": "pi_1"}}]}""")));

        assertThat(billing.invoiceForPaymentIntent("pi_1")).contains("in_1");
        assertThat(stripe.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/v1/invoice_payments"))).get(0).queryParameter("payment[payment_intent]")
                .firstValue()).isEqualTo("pi_1");
    }
}
