package io.settle.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A card saved with {@code POST /api/v1/payment-methods} pays bookings and credits, but only its owner's. */
class SavedPaymentMethodBookingTest extends BookingIntegrationTest {

    @Test
    void aSavedCardPaysABookingAndCreditsOfItsOwner() {
        Api provider = as(newId("mentor"), "PROVIDER");
        Api customer = as(newId("customer"), "CUSTOMER");
        String offering = offering(provider, 3000);
        String saved = save(customer, "pm_card_visa");
        assertThat(saved).startsWith("pm_").isNotEqualTo("pm_card_visa");

        Api.Response booking = book(customer, offering, saved);

        assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
        assertThat(booking.json().path("status").asText()).isEqualTo("PAID");
        Api.Response credits = customer.post("/api/v1/credits/purchases",
                Map.of("amount", Map.of("amount", 2000, "currency", "usd"), "paymentMethodId", saved));
        assertThat(credits.status()).as(credits.toString()).isEqualTo(201);
        assertThat(credits.json().path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aSavedDecliningCardIsDeclinedLikeTheTestCardItStandsFor() {
        Api provider = as(newId("mentor"), "PROVIDER");
        Api customer = as(newId("customer"), "CUSTOMER");
        String saved = save(customer, "pm_card_chargeDeclined");

        Api.Response booking = book(customer, offering(provider, 3000), saved);

        assertThat(booking.status()).as(booking.toString()).isEqualTo(402);
        assertThat(booking.json().path("declineCode").asText()).isEqualTo("generic_decline");
    }

    @Test
    void anotherCustomersSavedCardIsRefusedAndTheBookingMarkedFailed() {
        Api provider = as(newId("mentor"), "PROVIDER");
        Api owner = as(newId("customer"), "CUSTOMER");
        Api other = as(newId("customer"), "CUSTOMER");
        String saved = save(owner, "pm_card_visa");

        Api.Response booking = book(other, offering(provider, 3000), saved);

        assertThat(booking.status()).as(booking.toString()).isEqualTo(502);
        assertThat(booking.code()).isEqualTo("PAYMENT_GATEWAY_ERROR");
        String bookingId = booking.json().path("bookingId").asText();
        awaitBooking(other, bookingId, "PAYMENT_FAILED");
    }

    private static String save(Api customer, String testCard) {
        Api.Response created = customer.post("/api/v1/payment-methods", Map.of("paymentMethodId", testCard));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }
}
