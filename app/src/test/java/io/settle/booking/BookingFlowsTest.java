package io.settle.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The booking flows of issue 3 end to end over HTTP, each run twice: with webhooks delivered once in
 * order, and with every webhook delivered three times in a shuffled order. Both must end in the same
 * state, with the ledger balanced.
 */
class BookingFlowsTest extends BookingIntegrationTest {

    enum Delivery {
        ONCE_IN_ORDER, THREE_TIMES_SHUFFLED
    }

    private Delivery delivery;
    private long seed = 42;

    private void deliver(Delivery mode) {
        delivery = mode;
        if (mode == Delivery.THREE_TIMES_SHUFFLED) {
            webhooks.setCopies(3);
            webhooks.hold();
        }
    }

    /**
     * Lets the next {@code events} webhooks reach the endpoint. When shuffling, waits until the simulator
     * has produced them all (refunds are made asynchronously by a saga), then releases them in a seeded order.
     */
    private void settleWebhooks(int events) {
        if (delivery == Delivery.THREE_TIMES_SHUFFLED) {
            await().atMost(WAIT).until(() -> webhooks.heldCount() >= events * 3);
            webhooks.release(seed++);
            webhooks.awaitIdle(WAIT);
            webhooks.hold();
        } else {
            webhooks.awaitIdle(WAIT);
        }
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void a_30_dollar_booking_at_10_percent_releases_27_to_the_provider_and_3_to_the_platform(Delivery mode) {
        deliver(mode);
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        long revenueBefore = ledgerBalance("platform:revenue");

        Api.Response booked = book(customer, offering(provider, 3000), "pm_card_visa");

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        JsonNode body = booked.json();
        String bookingId = body.path("id").asText();
        assertThat(body.path("amount").path("amount").asLong()).isEqualTo(3000);
        assertThat(body.path("platformFee").path("amount").asLong()).isEqualTo(300);
        assertThat(body.path("providerAmount").path("amount").asLong()).isEqualTo(2700);
        assertThat(body.path("commissionBps").asInt()).isEqualTo(1000);
        assertThat(body.path("payment").path("paymentIntentId").asText()).startsWith("pi_");
        assertThat(body.path("payment").path("status").asText()).isEqualTo("succeeded");
        settleWebhooks(1);

        awaitWallet(provider, "pending", 2700);
        JsonNode released = awaitBooking(customer, bookingId, "RELEASED");
        settleWebhooks(0);

        assertThat(released.path("providerAmount").path("amount").asLong()).isEqualTo(2700);
        awaitWallet(provider, "available", 2700);
        assertThat(walletField(provider, "pending")).isZero();
        assertThat(walletField(provider, "totalEarned")).isEqualTo(2700);
        awaitLedger("platform:revenue", revenueBefore - 300);
        awaitLedger("escrow:" + bookingId, 0);
        assertThat(ledgerBalance("provider:" + providerId + ":available")).isEqualTo(-2700);
        assertLedgerBalanced();
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void a_declined_card_fails_the_booking_and_moves_no_money(Delivery mode) {
        deliver(mode);
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");

        Api.Response declined = book(customer, offering(provider, 3000), "pm_card_chargeDeclined");
        settleWebhooks(1);

        assertThat(declined.status()).as(declined.toString()).isEqualTo(402);
        assertThat(declined.code()).isEqualTo("PAYMENT_REQUIRED");
        assertThat(declined.json().path("declineCode").asText()).isEqualTo("generic_decline");
        String bookingId = declined.json().path("bookingId").asText();
        JsonNode booking = awaitBooking(customer, bookingId, "PAYMENT_FAILED");
        assertThat(booking.path("payment").path("failureCode").asText()).isEqualTo("generic_decline");
        assertThat(wallet(provider, "usd")).isNull();
        assertThat(ledgerBalance("escrow:" + bookingId)).isZero();
        assertLedgerBalanced();
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void cancelling_a_paid_booking_refunds_the_customer_and_returns_provider_pending_to_zero(Delivery mode) {
        deliver(mode);
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = book(customer, offering(provider, 3000), "pm_card_visa").json().path("id").asText();
        settleWebhooks(1);
        awaitWallet(provider, "pending", 2700);

        Api.Response cancelled = customer.post("/api/v1/bookings/" + bookingId + "/cancel",
                Map.of("reason", "schedule conflict"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        settleWebhooks(1);

        JsonNode refunded = awaitBooking(customer, bookingId, "REFUNDED");
        assertThat(refunded.path("refundedAmount").path("amount").asLong()).isEqualTo(3000);
        awaitWallet(provider, "pending", 0);
        assertThat(walletField(provider, "available")).isZero();
        awaitLedger("escrow:" + bookingId, 0);
        assertLedgerBalanced();
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void a_disputed_booking_is_not_released_at_the_deadline_and_an_admin_refund_returns_the_money(Delivery mode)
            throws InterruptedException {
        deliver(mode);
        Api provider = as(newId("prov"), "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = book(customer, offering(provider, 3000), "pm_card_visa").json().path("id").asText();
        settleWebhooks(1);
        awaitBooking(customer, bookingId, "PAID");

        Api.Response disputed = customer.post("/api/v1/bookings/" + bookingId + "/disputes",
                Map.of("reason", "the provider never showed up"));
        assertThat(disputed.status()).as(disputed.toString()).isEqualTo(200);
        awaitBooking(customer, bookingId, "DISPUTED");
        Thread.sleep(Duration.ofSeconds(5).toMillis()); // past the 3 s hold: a release would have fired by now

        assertThat(customer.get("/api/v1/bookings/" + bookingId).json().path("status").asText()).isEqualTo("DISPUTED");
        Api.Response resolved = admin().post("/api/v1/admin/bookings/" + bookingId + "/resolution",
                Map.of("outcome", "REFUND"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        settleWebhooks(1);

        awaitBooking(customer, bookingId, "REFUNDED");
        awaitWallet(provider, "pending", 0);
        assertThat(walletField(provider, "available")).isZero();
        awaitLedger("escrow:" + bookingId, 0);
        assertLedgerBalanced();
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void credits_bought_by_card_pay_for_a_booking(Delivery mode) {
        deliver(mode);
        String customerId = newId("cust");
        Api provider = as(newId("prov"), "PROVIDER");
        Api customer = as(customerId, "CUSTOMER");

        Api.Response purchase = customer.post("/api/v1/credits/purchases",
                Map.of("amount", Map.of("amount", 5000, "currency", "usd"), "paymentMethodId", "pm_card_visa"));
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(201);
        settleWebhooks(1);
        awaitWallet(customer, "credits", 5000);

        Api.Response booked = customer.post("/api/v1/bookings", Map.of("offeringId", offering(provider, 3000),
                "scheduledAt", soon(), "paymentSource", "credits"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().path("status").asText()).isEqualTo("PAID");
        awaitWallet(customer, "credits", 2000);

        Api.Response tooExpensive = customer.post("/api/v1/bookings", Map.of("offeringId", offering(provider, 3000),
                "scheduledAt", soon(), "paymentSource", "credits"));
        assertThat(tooExpensive.status()).as(tooExpensive.toString()).isEqualTo(402);
        assertThat(tooExpensive.code()).isEqualTo("INSUFFICIENT_CREDITS");

        awaitBooking(customer, booked.json().path("id").asText(), "RELEASED");
        awaitWallet(provider, "available", 2700);
        assertThat(walletField(customer, "credits")).isEqualTo(2000);
        assertThat(ledgerBalance("customer:" + customerId + ":credits")).isEqualTo(-2000);
        assertLedgerBalanced();
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void a_payment_confirmed_by_the_client_is_captured_from_the_webhook(Delivery mode) {
        deliver(mode);
        Api provider = as(newId("prov"), "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        Api.Response booked = book(customer, offering(provider, 5000), null);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().path("status").asText()).isEqualTo("PAYMENT_PENDING");
        assertThat(booked.json().path("payment").path("clientSecret").asText()).contains("_secret_");
        String bookingId = booked.json().path("id").asText();
        String intent = booked.json().path("payment").path("paymentIntentId").asText();

        Api.Response confirmed = api().post("/api/v1/dev/simulator/payment-intents/" + intent + "/confirm",
                Map.of("paymentMethodId", "pm_card_visa"));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        settleWebhooks(1);

        awaitBooking(customer, bookingId, "PAID");
        awaitWallet(provider, "pending", 4500);
        assertLedgerBalanced();
    }
}
