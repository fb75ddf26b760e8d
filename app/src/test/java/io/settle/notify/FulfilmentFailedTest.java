package io.settle.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/v1/bookings/{id}/fulfilment-failed over HTTP: who may call it, when, and what it does to money. */
class FulfilmentFailedTest extends NotificationIntegrationTest {

    private static final Map<String, String> REASON = Map.of("reason", "calendar booking failed");

    @Test
    void a_service_token_reports_a_paid_booking_failed_and_the_customer_is_refunded_in_full() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = paidBooking(customer, provider);
        awaitWallet(provider, "pending", 2700);

        Api.Response reported = as("marketplace", "SERVICE").post("/api/v1/bookings/" + bookingId + "/fulfilment-failed", REASON);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(reported.json().path("status").asText()).isEqualTo("REFUND_PENDING");

        awaitBooking(customer, bookingId, "REFUNDED");
        assertThat(customer.get("/api/v1/bookings/" + bookingId).json().path("refundedAmount").path("amount").asLong())
                .isEqualTo(3000);
        awaitWallet(provider, "pending", 0);
        awaitLedger("escrow:" + bookingId, 0);
        assertLedgerBalanced();

        // a repeat changes nothing
        Api.Response again = admin().post("/api/v1/bookings/" + bookingId + "/fulfilment-failed", REASON);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%BookingFulfilmentFailed'", Long.class, bookingId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%RefundRequested'", Long.class, bookingId)).isEqualTo(1);
    }

    @Test
    void only_admin_or_service_may_report_and_only_while_the_money_is_held() {
        Api customer = as(newId("cust"), "CUSTOMER");
        Api provider = as(newId("prov"), "PROVIDER");
        String bookingId = paidBooking(customer, provider);

        assertThat(customer.post("/api/v1/bookings/" + bookingId + "/fulfilment-failed", REASON).status()).isEqualTo(403);
        assertThat(provider.post("/api/v1/bookings/" + bookingId + "/fulfilment-failed", REASON).status()).isEqualTo(403);
        assertThat(api().post("/api/v1/bookings/" + bookingId + "/fulfilment-failed", REASON).status()).isEqualTo(401);
        Api.Response blank = admin().post("/api/v1/bookings/" + bookingId + "/fulfilment-failed", Map.of("reason", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("VALIDATION_ERROR");
        Api.Response unknown = admin().post("/api/v1/bookings/bk_does_not_exist/fulfilment-failed", REASON);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");

        admin().post("/api/v1/admin/bookings/" + bookingId + "/release");
        awaitBooking(customer, bookingId, "RELEASED");
        Api.Response released = admin().post("/api/v1/bookings/" + bookingId + "/fulfilment-failed", REASON);
        assertThat(released.status()).isEqualTo(409);
        assertThat(released.code()).isEqualTo("INVALID_STATE");
        assertThat(customer.get("/api/v1/bookings/" + bookingId).json().path("status").asText()).isEqualTo("RELEASED");
    }
}
