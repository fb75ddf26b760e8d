package io.settle.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.gateway.simulator.connect.ConnectWebhookDelivery;
import io.settle.app.gateway.simulator.connect.SimulatedConnect;
import io.settle.booking.BookingIntegrationTest;
import io.settle.testsupport.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Payout flows on the booking context: providers onboarded through the simulated Connect, bookings released. */
abstract class PayoutIntegrationTest extends BookingIntegrationTest {

    @Autowired
    protected SimulatedConnect connect;
    @Autowired
    protected ConnectWebhookDelivery connectWebhooks;

    @AfterEach
    void clearFaults() {
        connect.timeOutAfterNextTransfers(0);
        connect.refuseConnectionForNextTransfers(0);
        connect.failNextPayouts(0);
        connectWebhooks.awaitIdle(WAIT);
    }

    protected String createAccount(Api provider) {
        Api.Response created = provider.post("/api/v1/connect/account", Map.of("country", "US",
                "email", "provider@example.com"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("accountId").asText();
    }

    protected JsonNode awaitAccountStatus(Api provider, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = provider.get("/api/v1/connect/account").json();
            return status.equals(last[0].path("status").asText());
        });
        return last[0];
    }

    /** A provider with an enabled Connect account. */
    protected String onboardedProvider(Api provider) {
        String accountId = createAccount(provider);
        Api.Response done = api().post("/api/v1/dev/simulator/accounts/" + accountId + "/complete-onboarding");
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        awaitAccountStatus(provider, "ENABLED");
        return accountId;
    }

    /** A $30 card booking paid and released early: $27 available to the provider. */
    protected String releasedBooking(Api provider) {
        Api customer = as(newId("cust"), "CUSTOMER");
        Api.Response booked = book(customer, offering(provider, 3000), "pm_card_visa");
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String bookingId = booked.json().path("id").asText();
        Api.Response released = admin().post("/api/v1/admin/bookings/" + bookingId + "/release");
        assertThat(released.status()).as(released.toString()).isLessThan(300);
        awaitBooking(provider, bookingId, "RELEASED");
        return bookingId;
    }

    protected JsonNode awaitPayout(Api provider, String payoutId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode payout : provider.get("/api/v1/wallet/payouts").json().path("data")) {
                if (payoutId.equals(payout.path("id").asText())) {
                    last[0] = payout;
                    return status.equals(payout.path("status").asText());
                }
            }
            return false;
        });
        return last[0];
    }
}
