package io.settle.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.gateway.StripeSettings;
import io.settle.app.gateway.simulator.SimulatedStripe;
import io.settle.testsupport.Api;
import io.settle.testsupport.StripeSignature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stripe disputes end to end: the simulator raises and closes disputes with signed charge.dispute.* webhooks
 * to /webhooks/stripe; the booking records them, escrow freezes, chargebacks move money, the ledger balances.
 */
class StripeDisputeFlowTest extends PayoutIntegrationTest {

    @Autowired
    private SimulatedStripe stripe;
    @Autowired
    private StripeSettings settings;

    /** A card booking for a session next week: paid, its release deadline far away. */
    private String heldBooking(Api provider, Api customer) {
        Api.Response booked = customer.post("/api/v1/bookings", Map.of("offeringId", offering(provider, 3000),
                "scheduledAt", Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS).toString(),
                "paymentMethodId", "pm_card_visa"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String bookingId = booked.json().path("id").asText();
        awaitBooking(customer, bookingId, "PAID");
        return bookingId;
    }

    private String chargeOf(Api user, String bookingId) {
        String paymentIntentId = user.get("/api/v1/bookings/" + bookingId).json().path("payment")
                .path("paymentIntentId").asText();
        return stripe.retrievePaymentIntent(paymentIntentId).orElseThrow().path("latest_charge").asText();
    }

    @Test
    void a_dispute_on_held_money_freezes_the_escrow_and_a_lost_dispute_charges_the_booking_back() {
        webhooks.setCopies(2); // every webhook delivered twice: applied once
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = heldBooking(provider, customer);
        awaitWallet(provider, "pending", 2700);
        String chargeId = chargeOf(customer, bookingId);

        Api.Response dispute = api().post("/api/v1/dev/simulator/charges/" + chargeId + "/dispute",
                Map.of("reason", "fraudulent"));
        assertThat(dispute.status()).as(dispute.toString()).isEqualTo(200);
        String disputeId = dispute.json().path("id").asText();
        JsonNode disputed = awaitBooking(customer, bookingId, "DISPUTED");
        assertThat(disputed.path("stripeDispute").path("id").asText()).isEqualTo(disputeId);
        assertThat(disputed.hasNonNull("releaseAt")).as("no release while disputed").isFalse();
        await(() -> bookingLedger(bookingId, "stripe:disputes") == 3000); // withdrawn by Stripe meanwhile
        Api.Response early = admin().post("/api/v1/admin/bookings/" + bookingId + "/release");
        assertThat(early.status()).as("a disputed booking is not released").isEqualTo(409);

        api().post("/api/v1/dev/simulator/charges/" + chargeId + "/dispute/close", Map.of("status", "lost"));
        JsonNode chargedBack = awaitBooking(customer, bookingId, "CHARGED_BACK");
        assertThat(chargedBack.path("stripeDispute").path("status").asText()).isEqualTo("lost");
        awaitWallet(provider, "pending", 0);
        assertThat(walletField(provider, "available")).isZero();
        awaitLedger("escrow:" + bookingId, 0);
        await(() -> bookingLedger(bookingId, "stripe:disputes") == 0);
        webhooks.awaitIdle(WAIT);
        assertLedgerBalanced();
        assertThat(jdbcEntries(bookingId, "CHARGEBACK")).as("one chargeback despite duplicates").isEqualTo(1);
        assertThat(jdbcEntries(bookingId, "DISPUTE_WITHDRAWN")).isEqualTo(1);
    }

    @Test
    void a_won_dispute_on_held_money_unfreezes_the_escrow() {
        Api provider = as(newId("prov"), "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = heldBooking(provider, customer);
        String chargeId = chargeOf(customer, bookingId);
        api().post("/api/v1/dev/simulator/charges/" + chargeId + "/dispute");
        awaitBooking(customer, bookingId, "DISPUTED");

        api().post("/api/v1/dev/simulator/charges/" + chargeId + "/dispute/close", Map.of("status", "won"));
        JsonNode paid = awaitBooking(customer, bookingId, "PAID");
        assertThat(paid.hasNonNull("releaseAt")).as("the release is scheduled again").isTrue();
        assertThat(paid.path("stripeDispute").path("status").asText()).isEqualTo("won");
        awaitWallet(provider, "pending", 2700);
        assertLedgerBalanced();
    }

    @Test
    void a_chargeback_after_the_payout_puts_the_provider_in_debt_and_a_won_dispute_pays_it_back() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        String bookingId = releasedBooking(provider);
        awaitWallet(provider, "available", 2700);
        String payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();
        awaitPayout(provider, payoutId, "PAID");
        awaitWallet(provider, "available", 0);
        String chargeId = chargeOf(provider, bookingId);

        api().post("/api/v1/dev/simulator/charges/" + chargeId + "/dispute", Map.of("reason", "product_not_received"));
        awaitWallet(provider, "debt", 2700);
        assertThat(wallet(provider, "usd").path("negativeBalance").asBoolean()).isTrue();
        awaitLedger("provider:" + providerId + ":receivable", 2700);
        awaitLedger("escrow:" + bookingId, -3000); // the disputed money waits in escrow for the outcome
        assertLedgerBalanced();
        assertThat(provider.post("/api/v1/wallet/payouts", Map.of()).code()).isEqualTo("INSUFFICIENT_FUNDS");

        api().post("/api/v1/dev/simulator/charges/" + chargeId + "/dispute/close", Map.of("status", "won"));
        awaitWallet(provider, "debt", 0);
        assertThat(walletField(provider, "available")).as("the restored share paid the debt").isZero();
        awaitLedger("provider:" + providerId + ":receivable", 0);
        awaitLedger("escrow:" + bookingId, 0);
        await(() -> bookingLedger(bookingId, "stripe:disputes") == 0);
        JsonNode booking = awaitBooking(provider, bookingId, "RELEASED");
        assertThat(booking.path("stripeDispute").path("status").asText()).isEqualTo("won");
        assertLedgerBalanced();
    }

    @Test
    void a_close_that_overtakes_its_create_is_applied_once_and_the_late_create_changes_nothing() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        String bookingId = releasedBooking(provider);
        awaitWallet(provider, "available", 2700);
        String chargeId = chargeOf(provider, bookingId);
        String paymentIntentId = provider.get("/api/v1/bookings/" + bookingId).json().path("payment")
                .path("paymentIntentId").asText();
        String disputeId = "dp_reordered_" + bookingId;

        Api.Response closed = deliver(disputeEvent("evt_closed_" + bookingId, "charge.dispute.closed", disputeId,
                chargeId, paymentIntentId, "lost"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        awaitBooking(provider, bookingId, "CHARGED_BACK");
        Api.Response created = deliver(disputeEvent("evt_created_" + bookingId, "charge.dispute.created", disputeId,
                chargeId, paymentIntentId, "needs_response"));
        assertThat(created.status()).isEqualTo(200);

        awaitLedger("escrow:" + bookingId, 0);
        awaitWallet(provider, "available", 0);
        await(() -> jdbcEntries(bookingId, "EARNING_RECLAIMED") == 1);
        assertThat(walletField(provider, "debt")).isZero();
        assertThat(awaitBooking(provider, bookingId, "CHARGED_BACK").path("stripeDispute").path("status").asText())
                .isEqualTo("lost");
        await(() -> bookingLedger(bookingId, "stripe:disputes") == 0);
        assertThat(jdbcEntries(bookingId, "CHARGEBACK")).isEqualTo(1);
        assertLedgerBalanced();
    }

    private String disputeEvent(String eventId, String type, String disputeId, String chargeId, String paymentIntentId,
                                String status) {
        return """
                {"id":"%s","object":"event","type":"%s","created":%d,"livemode":false,"api_version":"2024-06-20",
                 "data":{"object":{"id":"%s","object":"dispute","amount":3000,"currency":"usd","charge":"%s",
                 "payment_intent":"%s","reason":"fraudulent","status":"%s","metadata":{}}}}"""
                .formatted(eventId, type, Instant.now().getEpochSecond(), disputeId, chargeId, paymentIntentId, status);
    }

    private Api.Response deliver(String payload) {
        return api().header(StripeSignature.HEADER, StripeSignature.header(payload, settings.webhookSecret()))
                .postRaw("/webhooks/stripe", "application/json", payload);
    }

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    private long jdbcEntries(String bookingId, String type) {
        Long n = jdbc.queryForObject("SELECT COUNT(DISTINCT event_id) FROM ledger_entries WHERE booking_id = ? "
                + "AND entry_type = ?", Long.class, bookingId, type);
        return n == null ? 0 : n;
    }

    private long bookingLedger(String bookingId, String account) {
        Long sum = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE booking_id = ? "
                + "AND account = ?", Long.class, bookingId, account);
        return sum == null ? 0 : sum;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(condition);
    }
}
