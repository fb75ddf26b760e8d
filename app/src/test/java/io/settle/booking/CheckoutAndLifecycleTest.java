package io.settle.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checkout Sessions, the provider's lifecycle actions, early release, and refusals that change nothing. */
class CheckoutAndLifecycleTest extends BookingIntegrationTest {

    @Test
    void a_checkout_session_pays_the_booking_when_stripe_completes_it() {
        Api provider = as(newId("prov"), "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        Api.Response booked = customer.post("/api/v1/bookings", Map.of("offeringId", offering(provider, 3000),
                "scheduledAt", soon(), "paymentFlow", "checkout_session"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String sessionId = booked.json().path("payment").path("checkoutSessionId").asText();
        assertThat(sessionId).startsWith("cs_");
        assertThat(booked.json().path("payment").path("clientSecret").asText()).isNotBlank();

        Api.Response completed = api().post("/api/v1/dev/simulator/checkout-sessions/" + sessionId + "/complete",
                Map.of("paymentMethodId", "pm_card_visa"));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        webhooks.awaitIdle(WAIT);

        JsonNode paid = awaitBooking(customer, booked.json().path("id").asText(), "PAID");
        assertThat(paid.path("payment").path("paymentIntentId").asText()).startsWith("pi_");
        awaitWallet(provider, "pending", 2700);
        assertLedgerBalanced();
    }

    @Test
    void the_provider_starts_and_completes_the_session_and_an_admin_may_release_early() {
        Api provider = as(newId("prov"), "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = book(customer, offering(provider, 3000), "pm_card_visa").json().path("id").asText();

        assertThat(customer.post("/api/v1/bookings/" + bookingId + "/start").status()).isEqualTo(403);
        assertThat(as(newId("stranger"), "PROVIDER").post("/api/v1/bookings/" + bookingId + "/start").status())
                .isEqualTo(404);
        assertThat(provider.post("/api/v1/bookings/" + bookingId + "/start").status()).isEqualTo(200);
        Api.Response lateCancel = customer.post("/api/v1/bookings/" + bookingId + "/cancel", Map.of("reason", "late"));
        assertThat(lateCancel.status()).isEqualTo(409);
        assertThat(lateCancel.code()).isEqualTo("INVALID_STATE");
        assertThat(provider.post("/api/v1/bookings/" + bookingId + "/complete").status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/bookings/" + bookingId + "/complete").status()).isEqualTo(200);

        Api.Response release = admin().post("/api/v1/admin/bookings/" + bookingId + "/release");
        assertThat(release.status()).as(release.toString()).isEqualTo(200);
        awaitBooking(provider, bookingId, "RELEASED");
        awaitWallet(provider, "available", 2700);
        Api.Response again = provider.post("/api/v1/bookings/" + bookingId + "/start");
        assertThat(again.status()).isEqualTo(409);
        assertLedgerBalanced();
    }

    @Test
    void a_partial_refund_splits_the_money_and_keeps_the_commission_rule() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = book(customer, offering(provider, 3000), "pm_card_visa").json().path("id").asText();
        customer.post("/api/v1/bookings/" + bookingId + "/disputes", Map.of("reason", "half the session"));
        awaitBooking(customer, bookingId, "DISPUTED");

        Api.Response resolved = admin().post("/api/v1/admin/bookings/" + bookingId + "/resolution",
                Map.of("outcome", "PARTIAL_REFUND", "refundAmount", Map.of("amount", 1000, "currency", "usd")));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        webhooks.awaitIdle(WAIT);

        JsonNode booking = awaitBooking(customer, bookingId, "PARTIALLY_REFUNDED");
        assertThat(booking.path("refundedAmount").path("amount").asLong()).isEqualTo(1000);
        assertThat(booking.path("providerAmount").path("amount").asLong()).isEqualTo(1800);
        assertThat(booking.path("platformFee").path("amount").asLong()).isEqualTo(200);
        awaitWallet(provider, "available", 1800);
        awaitWallet(provider, "pending", 0);
        awaitLedger("escrow:" + bookingId, 0);
        assertLedgerBalanced();
    }

    @Test
    void bad_booking_requests_get_a_clear_4xx_and_create_nothing() {
        Api provider = as(newId("prov"), "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String offeringId = offering(provider, 3000);

        assertThat(customer.post("/api/v1/bookings", Map.of("offeringId", "off_nope", "scheduledAt", soon())).code())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(customer.post("/api/v1/bookings", Map.of("offeringId", offeringId,
                "scheduledAt", "1999-01-01T00:00:00Z")).status()).isEqualTo(400);
        assertThat(customer.post("/api/v1/bookings", Map.of("offeringId", offeringId, "scheduledAt", soon(),
                "paymentSource", "gold")).status()).isEqualTo(400);
        assertThat(provider.post("/api/v1/bookings", Map.of("offeringId", offeringId, "scheduledAt", soon()))
                .status()).isEqualTo(403);
        assertThat(provider.post("/api/v1/offerings", Map.of("title", "x", "durationMinutes", 20,
                "price", Map.of("amount", 100, "currency", "zzz"))).code()).isEqualTo("VALIDATION_ERROR");
        assertThat(provider.post("/api/v1/offerings", Map.of("title", "x", "durationMinutes", 20,
                "price", Map.of("amount", -5, "currency", "usd"))).status()).isEqualTo(400);
        assertThat(customer.get("/api/v1/bookings?role=customer").json()).isEmpty();
    }

    @Test
    void stripe_config_tells_stripe_js_it_talks_to_the_simulator() {
        JsonNode config = api().get("/api/v1/config/stripe").json();
        assertThat(config.path("mode").asText()).isEqualTo("simulator");
        assertThat(config.path("publishableKey").asText()).startsWith("pk_test_");
    }
}
