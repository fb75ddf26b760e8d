package io.settle.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.app.gateway.StripeSettings;
import io.settle.booking.BookingIntegrationTest;
import io.settle.testsupport.Api;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Runs a full booking scenario (card payment, signed webhooks, cancellation, refund, a decline, a bad
 * token) with Settle and Axon logging at DEBUG, and scans everything logged for secrets and card data.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest extends BookingIntegrationTest {

    @Autowired
    private StripeSettings stripe;
    @Autowired
    private LoggingSystem logging;

    @BeforeEach
    void verbose() {
        logging.setLogLevel("io.settle", LogLevel.DEBUG);
        logging.setLogLevel("org.axonframework", LogLevel.DEBUG);
    }

    @AfterEach
    void quiet() {
        logging.setLogLevel("io.settle", null);
        logging.setLogLevel("org.axonframework", null);
    }

    @Test
    void a_full_scenario_logs_no_secret_and_no_payment_method(CapturedOutput output) {
        Api provider = as(newId("prov"), "PROVIDER");
        Api customer = as(newId("cust"), "CUSTOMER");
        String offeringId = offering(provider, 3000);
        String bookingId = book(customer, offeringId, "pm_card_visa").json().path("id").asText();
        customer.post("/api/v1/bookings/" + bookingId + "/cancel", Map.of("reason", "sick"));
        awaitBooking(customer, bookingId, "REFUNDED");
        book(customer, offeringId, "pm_card_chargeDeclined");
        customer.post("/api/v1/credits/purchases", Map.of("amount", Map.of("amount", 1000, "currency", "usd"),
                "paymentMethodId", "pm_card_chargeDeclinedInsufficientFunds"));
        new Api("http://localhost:" + port, "not.a.token").get("/api/v1/wallet");
        webhooks.awaitIdle(WAIT);

        String logged = output.getAll();
        assertThat(logged).contains(bookingId); // the scan really saw this scenario's logs
        assertThat(logged).doesNotContain(stripe.webhookSecret(), JWT_SECRET);
        assertThat(logged).doesNotContainPattern("pm_card_\\w+").doesNotContainPattern("\\b[sr]k_(test|live)_\\w+");
    }
}
