package io.settle.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.gateway.simulator.SimulatedStripe;
import io.settle.saga.payment.CreateRefund;
import io.settle.testsupport.Api;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One end-to-end test per notification type: the flow runs, the in-process SMTP server receives the mail. */
class NotificationMailTest extends NotificationIntegrationTest {

    @Autowired
    private SimulatedStripe stripe;

    @Test
    void booking_confirmed_reaches_customer_and_provider_each_in_their_own_locale_and_time_zone() {
        String customerId = newId("cust");
        Api customer = withClaims(customerId, customerId + "@mail.example.test", "de-DE", "Europe/Berlin", "CUSTOMER");
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");

        String bookingId = paidBooking(customer, provider);

        MimeMessage toCustomer = awaitMail(customerId + "@mail.example.test", "Booking confirmed: 20 Minute Session");
        assertThat(text(toCustomer)).contains("30,00 $").contains(bookingId).contains("Europe/Berlin");
        assertThat(html(toCustomer)).contains("30,00 $").contains("lang=\"de-DE\"");
        assertThat(header(toCustomer, "Message-ID")).matches("<notification-\\d+@settle\\.local>");

        MimeMessage toProvider = awaitMail(patternAddress(providerId), "New booking: 20 Minute Session");
        assertThat(text(toProvider)).contains("Price:           $30.00").contains("Platform fee:    $3.00")
                .contains("Your share:      $27.00").contains("(UTC)");
        assertThat(html(toProvider)).contains("$27.00");
    }

    @Test
    void dispute_filed_reaches_both_parties() {
        String customerId = newId("cust");
        String providerId = newId("prov");
        Api customer = as(customerId, "CUSTOMER");
        String bookingId = paidBooking(customer, as(providerId, "PROVIDER"));

        Api.Response disputed = customer.post("/api/v1/bookings/" + bookingId + "/disputes",
                Map.of("reason", "the mentor never showed up"));
        assertThat(disputed.status()).as(disputed.toString()).isEqualTo(200);

        assertThat(text(awaitMail(patternAddress(customerId), "Dispute filed: 20 Minute Session")))
                .contains("the mentor never showed up").contains("let you know the outcome");
        assertThat(text(awaitMail(patternAddress(providerId), "Dispute filed: 20 Minute Session")))
                .contains("the mentor never showed up").contains("stays held");
    }

    @Test
    void refund_processed_reaches_the_customer_of_a_cancelled_booking() {
        String customerId = newId("cust");
        Api customer = as(customerId, "CUSTOMER");
        String bookingId = paidBooking(customer, as(newId("prov"), "PROVIDER"));

        Api.Response cancel = customer.post("/api/v1/bookings/" + bookingId + "/cancel", Map.of("reason", "plans changed"));
        assertThat(cancel.status()).as(cancel.toString()).isLessThan(300);
        // CANCELLED until Stripe confirms the refund, then REFUNDED: wait for the end, not the passing state
        awaitBooking(customer, bookingId, "REFUNDED");

        MimeMessage refund = awaitMail(patternAddress(customerId), "Refund of $30.00 processed");
        assertThat(text(refund)).contains("$30.00 for 20 Minute Session has been refunded to your card");
    }

    @Test
    void fulfilment_failed_reaches_both_parties_then_the_refund_mail_follows() {
        String customerId = newId("cust");
        String providerId = newId("prov");
        Api customer = as(customerId, "CUSTOMER");
        String bookingId = paidBooking(customer, as(providerId, "PROVIDER"));

        Api.Response reported = as("marketplace-backend", "SERVICE").post(
                "/api/v1/bookings/" + bookingId + "/fulfilment-failed", Map.of("reason", "calendar booking failed"));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);

        assertThat(text(awaitMail(patternAddress(customerId), "Booking could not take place: 20 Minute Session")))
                .contains("calendar booking failed").contains("You will be refunded the full $30.00");
        assertThat(text(awaitMail(patternAddress(providerId), "Booking could not take place: 20 Minute Session")))
                .contains("your pending share for this booking is reversed");
        awaitMail(patternAddress(customerId), "Refund of $30.00 processed");
    }

    @Test
    void payout_paid_reaches_the_provider() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        String bookingId = paidBooking(as(newId("cust"), "CUSTOMER"), provider);
        admin().post("/api/v1/admin/bookings/" + bookingId + "/release");
        awaitWallet(provider, "available", 2700);

        String payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();
        awaitPayout(provider, payoutId, "PAID");

        assertThat(text(awaitMail(patternAddress(providerId), "Payout of $27.00 paid"))).contains(payoutId);
    }

    @Test
    void payout_failed_reaches_the_provider_and_raises_an_admin_alert() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        String bookingId = paidBooking(as(newId("cust"), "CUSTOMER"), provider);
        admin().post("/api/v1/admin/bookings/" + bookingId + "/release");
        awaitWallet(provider, "available", 2700);

        connect.failNextPayouts(1);
        String payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();
        awaitPayout(provider, payoutId, "FAILED");

        assertThat(text(awaitMail(patternAddress(providerId), "Payout of $27.00 failed")))
                .contains("back in your available balance").contains(payoutId);
        assertThat(text(awaitMail("ops@example.test", "[Settle alert] Payout " + payoutId + " failed")))
                .contains(providerId).contains("account_closed");
    }

    @Test
    void subscription_renewed_reaches_the_subscriber_but_the_first_charge_sends_no_renewal() {
        String customerId = newId("consumer");
        Api customer = as(customerId, "CUSTOMER");
        String plan = plan(admin(), "CONSUMER", 1500, 0, List.of("pro"));
        JsonNode active = subscribe(customer, plan, "pm_card_visa", null);
        String id = active.path("id").asText();
        await().atMost(WAIT).until(() -> !invoices(customer, "paid").isEmpty());
        assertThat(find(patternAddress(customerId), "Your ")).isEmpty();

        advanceClock("P31D");
        await().atMost(WAIT).until(() -> invoices(customer, "paid").size() == 2);

        MimeMessage renewed = awaitMail(patternAddress(customerId), "Your Plan ");
        assertThat(subject(renewed)).endsWith("subscription renewed");
        assertThat(text(renewed)).contains("$15.00 charged").contains("Invoice: https://");
        assertThat(outboxRows(customerId)).extracting(r -> r.get("type")).containsExactly("SUBSCRIPTION_RENEWED");
        awaitSubscription(customer, id, status("ACTIVE"));
    }

    @Test
    void a_failed_renewal_mails_payment_failed_then_canceled_when_the_grace_period_ends() {
        String customerId = newId("consumer");
        Api customer = as(customerId, "CUSTOMER");
        String plan = plan(admin(), "CONSUMER", 1500, 0, List.of("pro"));
        String id = subscribe(customer, plan, "pm_card_visa", null).path("id").asText();
        customer.post("/api/v1/payment-methods", Map.of("paymentMethodId", "pm_card_chargeDeclined", "isDefault", true));

        advanceClock("P31D");
        awaitSubscription(customer, id, status("CANCELED"));

        MimeMessage failed = awaitMail(patternAddress(customerId), "Payment for your Plan ");
        assertThat(text(failed)).contains("We could not charge $15.00").contains("past due");
        MimeMessage canceled = awaitMail(patternAddress(customerId), "Your Plan ");
        assertThat(subject(canceled)).endsWith("subscription was canceled");
    }

    @Test
    void a_refund_outside_settle_alerts_admins_twice_a_failed_webhook_mapping_then_a_refund_that_cannot_be_made() {
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = paidBooking(customer, as(newId("prov"), "PROVIDER"));
        String paymentIntent = customer.get("/api/v1/bookings/" + bookingId).json()
                .path("payment").path("paymentIntentId").asText();

        // someone refunds the charge in the Stripe dashboard: Settle has no refund requested, so the
        // charge.refunded event cannot be mapped
        stripe.createRefund(new CreateRefund(paymentIntent, 3000, "requested_by_customer", Map.of(), "dashboard-" + bookingId));
        await().atMost(WAIT).until(() -> mailTo("ops@example.test").stream().anyMatch(m ->
                subject(m).startsWith("[Settle alert] Stripe event ") && text(m).contains(bookingId)));
        MimeMessage mapping = mailTo("ops@example.test").stream().filter(m ->
                subject(m).startsWith("[Settle alert] Stripe event ") && text(m).contains(bookingId)).findFirst().orElseThrow();
        assertThat(text(mapping)).contains("(charge.refunded)").contains("refunds made outside Settle need an admin");

        // the customer then cancels: Stripe refuses a second refund of the same charge
        customer.post("/api/v1/bookings/" + bookingId + "/cancel", Map.of("reason", "plans changed"));
        MimeMessage refund = awaitMail("ops@example.test", "[Settle alert] Refund for booking " + bookingId + " failed");
        assertThat(text(refund)).contains("charge_already_refunded");
    }
}
