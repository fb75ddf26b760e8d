package io.settle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.settle.booking.BookingIntegrationTest;
import io.settle.query.earnings.EarningsQueries;
import io.settle.query.earnings.EarningsQueries.DailyRevenue;
import io.settle.query.ledger.LedgerQueries;
import io.settle.query.ledger.LedgerQueries.MoneyTotals;
import io.settle.testsupport.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The overview's figures, computed from the ledger, move by exactly what a known scenario moves: a $30
 * booking at 10 % held then released, a $20 booking refunded after a dispute, the provider's $27 paid out.
 * (The context is shared with other booking tests, so the test compares before and after.)
 */
class ConsoleFiguresTest extends BookingIntegrationTest {

    @Autowired
    LedgerQueries ledger;
    @Autowired
    EarningsQueries earnings;

    @Test
    void held_released_refunded_paid_out_and_revenue_move_by_the_scenario_s_amounts() {
        MoneyTotals before = usd();
        DailyRevenue todayBefore = today();
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");

        String released = paid(provider, customer, 3000);
        awaitDelta(before, 3000, 0, 0, 0, 0, 0);
        assertThat(admin().post("/api/v1/admin/bookings/" + released + "/release").status()).isEqualTo(200);
        awaitDelta(before, 0, 3000, 0, 0, 0, 300);

        String refunded = paid(provider, customer, 2000);
        awaitDelta(before, 2000, 3000, 0, 0, 0, 300);
        customer.post("/api/v1/bookings/" + refunded + "/disputes", Map.of("reason", "no show"));
        awaitBooking(customer, refunded, "DISPUTED");
        admin().post("/api/v1/admin/bookings/" + refunded + "/resolution", Map.of("outcome", "REFUND"));
        awaitBooking(customer, refunded, "REFUNDED");
        awaitDelta(before, 0, 3000, 2000, 0, 0, 300);

        String accountId = provider.post("/api/v1/connect/account", Map.of("country", "US",
                "email", "provider@example.com")).json().path("accountId").asText();
        api().post("/api/v1/dev/simulator/accounts/" + accountId + "/complete-onboarding");
        await().atMost(WAIT).until(() -> "ENABLED".equals(
                provider.get("/api/v1/connect/account").json().path("status").asText()));
        Api.Response payout = provider.post("/api/v1/wallet/payouts", Map.of());
        assertThat(payout.status()).as(payout.toString()).isLessThan(300);
        awaitDelta(before, 0, 3000, 2000, 2700, 0, 300);

        DailyRevenue todayAfter = today();
        assertThat(todayAfter.revenue() - todayBefore.revenue()).isEqualTo(3000);
        assertThat(todayAfter.commission() - todayBefore.commission()).isEqualTo(300);
        assertLedgerBalanced();
    }

    private String paid(Api provider, Api customer, long amount) {
        String scheduledAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        Api.Response booked = customer.post("/api/v1/bookings", Map.of("offeringId", offering(provider, amount),
                "scheduledAt", scheduledAt, "paymentMethodId", "pm_card_visa"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().path("id").asText();
        awaitBooking(customer, id, "PAID");
        return id;
    }

    private void awaitDelta(MoneyTotals before, long held, long released, long refunded, long paidOut, long inTransit,
                            long revenue) {
        MoneyTotals expected = new MoneyTotals("usd", before.heldInEscrow() + held, before.released() + released,
                before.refunded() + refunded, before.paidOut() + paidOut, before.inTransit() + inTransit,
                before.platformRevenue() + revenue);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(usd()).isEqualTo(expected));
    }

    private MoneyTotals usd() {
        return ledger.totals().stream().filter(t -> t.currency().equals("usd")).findFirst()
                .orElse(new MoneyTotals("usd", 0, 0, 0, 0, 0, 0));
    }

    private DailyRevenue today() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        return earnings.dailyRevenue(day.atStartOfDay().toInstant(ZoneOffset.UTC),
                        day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).stream()
                .filter(r -> r.currency().equals("usd")).findFirst()
                .orElse(new DailyRevenue(day, "usd", 0, 0));
    }
}
