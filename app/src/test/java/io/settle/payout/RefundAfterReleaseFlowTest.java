package io.settle.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An admin refunds a booking after its money reached the provider: the customer is refunded through the
 * gateway, the provider's share comes back from their wallet (into a recoverable debt when it was already paid
 * out), the platform returns its part of the fee, and the ledger stays balanced.
 */
class RefundAfterReleaseFlowTest extends PayoutIntegrationTest {

    @Test
    void a_full_refund_after_the_payout_leaves_a_debt_that_the_next_release_settles_first() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        String bookingId = releasedBooking(provider);
        awaitWallet(provider, "available", 2700);
        String payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();
        awaitPayout(provider, payoutId, "PAID");
        awaitWallet(provider, "totalWithdrawn", 2700);
        awaitWallet(provider, "available", 0);
        long revenueBefore = ledgerBalance("platform:revenue");

        Api.Response refund = admin().post("/api/v1/admin/bookings/" + bookingId + "/refund",
                Map.of("reason", "session never happened"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(200);
        awaitBooking(provider, bookingId, "REFUNDED");
        awaitWallet(provider, "debt", 2700);
        JsonNode wallet = wallet(provider, "usd");
        assertThat(wallet.path("available").asLong()).as("available never goes negative").isZero();
        assertThat(wallet.path("netAvailable").asLong()).isEqualTo(-2700);
        assertThat(wallet.path("negativeBalance").asBoolean()).isTrue();
        assertThat(wallet.path("totalEarned").asLong()).isZero();
        awaitLedger("escrow:" + bookingId, 0);
        awaitLedger("provider:" + providerId + ":receivable", 2700);
        assertThat(ledgerBalance("platform:revenue") - revenueBefore).as("the fee went back").isEqualTo(300);
        JsonNode check = assertLedgerBalanced();
        assertThat(check.path("providerDebts").toString()).contains("provider:" + providerId + ":receivable");

        Api.Response refused = provider.post("/api/v1/wallet/payouts", Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_FUNDS");
        Api.Response twice = admin().post("/api/v1/admin/bookings/" + bookingId + "/refund");
        assertThat(twice.status()).as("nothing left to refund").isEqualTo(409);

        releasedBooking(provider);
        awaitWallet(provider, "debt", 0);
        assertThat(walletField(provider, "available")).as("the whole release paid the debt").isZero();
        assertThat(wallet(provider, "usd").path("negativeBalance").asBoolean()).isFalse();
        awaitLedger("provider:" + providerId + ":receivable", 0);
        releasedBooking(provider);
        awaitWallet(provider, "available", 2700);
        JsonNode types = provider.get("/api/v1/wallet/transactions?limit=200").json().path("data");
        assertThat(types.toString()).contains("EARNING_RECLAIMED").contains("DEBT_SETTLED");
        assertLedgerBalanced();
    }

    @Test
    void a_partial_refund_covered_by_available_is_split_by_the_commission_rate() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        String bookingId = releasedBooking(provider);
        awaitWallet(provider, "available", 2700);
        long revenueBefore = ledgerBalance("platform:revenue");

        Api.Response tooMuch = admin().post("/api/v1/admin/bookings/" + bookingId + "/refund",
                Map.of("amount", Map.of("amount", 3001, "currency", "usd")));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(400);
        assertThat(tooMuch.code()).isEqualTo("VALIDATION_ERROR");
        Api.Response refund = admin().post("/api/v1/admin/bookings/" + bookingId + "/refund",
                Map.of("amount", Map.of("amount", 1005, "currency", "usd"), "reason", "late start"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(200);

        JsonNode booking = awaitBooking(provider, bookingId, "PARTIALLY_REFUNDED");
        assertThat(booking.toString()).contains("1005");
        // $10.05 at 10 %: the platform returns 101, the provider 904
        awaitWallet(provider, "available", 2700 - 904);
        assertThat(walletField(provider, "debt")).isZero();
        awaitLedger("escrow:" + bookingId, 0);
        assertThat(ledgerBalance("platform:revenue") - revenueBefore).isEqualTo(101);
        assertLedgerBalanced();
        // the booking's split shows what each side keeps (found by SimulationTest seed 3: it kept 2700 / 300)
        JsonNode split = provider.get("/api/v1/bookings/" + bookingId).json();
        assertThat(split.path("providerAmount").path("amount").asLong()).isEqualTo(2700 - 904);
        assertThat(split.path("platformFee").path("amount").asLong()).isEqualTo(300 - 101);

        assertThat(as(providerId, "PROVIDER").post("/api/v1/admin/bookings/" + bookingId + "/refund").status())
                .isEqualTo(403);
        assertThat(admin().post("/api/v1/admin/bookings/bk_unknown/refund").status()).isEqualTo(404);
    }

    @Test
    void a_booking_still_in_escrow_is_not_refunded_this_way() {
        Api provider = as(newId("prov"), "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        // a session next week: its release deadline is far away
        String bookingId = customer.post("/api/v1/bookings", Map.of("offeringId", offering(provider, 3000),
                "scheduledAt", java.time.Instant.now().plus(java.time.Duration.ofDays(7))
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                "paymentMethodId", "pm_card_visa")).json().path("id").asText();
        awaitBooking(customer, bookingId, "PAID");
        Api.Response refused = admin().post("/api/v1/admin/bookings/" + bookingId + "/refund");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("INVALID_STATE");
    }
}
