package io.settle.app.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import io.settle.saga.payment.CreateCheckoutSession;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.CreateRefund;
import io.settle.saga.payment.PaymentGatewayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedStripeTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    private static final Map<String, String> METADATA = Map.of("booking_id", "bk-1");

    private final RecordingSink sink = new RecordingSink();
    private final SimulatedStripe stripe = new SimulatedStripe(sink, Clock.fixed(NOW, ZoneOffset.UTC));

    private static CreatePaymentIntent intent(String paymentMethodId, String key) {
        return new CreatePaymentIntent(3000, "usd", paymentMethodId, "20 Minute Session", "bk-1", METADATA, key);
    }

    @Test
    void visaSucceedsWithAChargeAndPaymentIntentSucceededEvent() {
        ObjectNode intent = stripe.createPaymentIntent(intent("pm_card_visa", "k1"));

        String id = intent.get("id").asText();
        assertThat(id).matches("pi_sim_[0-9A-Za-z]{24}");
        assertThat(intent.get("object").asText()).isEqualTo("payment_intent");
        assertThat(intent.get("status").asText()).isEqualTo("succeeded");
        assertThat(intent.get("amount").asLong()).isEqualTo(3000);
        assertThat(intent.get("amount_received").asLong()).isEqualTo(3000);
        assertThat(intent.get("currency").asText()).isEqualTo("usd");
        assertThat(intent.get("client_secret").asText()).matches(id + "_secret_[0-9A-Za-z]{24}");
        assertThat(intent.get("latest_charge").asText()).matches("ch_sim_[0-9A-Za-z]{24}");
        assertThat(intent.get("transfer_group").asText()).isEqualTo("bk-1");
        assertThat(intent.get("metadata").get("booking_id").asText()).isEqualTo("bk-1");
        assertThat(intent.get("last_payment_error").isNull()).isTrue();
        assertThat(intent.get("created").asLong()).isEqualTo(NOW.getEpochSecond());

        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
        JsonNode event = sink.json(0);
        assertThat(event.get("id").asText()).matches("evt_sim_[0-9A-Za-z]{24}").isEqualTo(sink.events().get(0).id());
        assertThat(event.get("object").asText()).isEqualTo("event");
        assertThat(event.get("api_version").asText()).isEqualTo(Stripe.API_VERSION);
        assertThat(event.get("created").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(event.get("livemode").asBoolean()).isFalse();
        assertThat(event.get("pending_webhooks").asInt()).isEqualTo(1);
        assertThat(event.get("request").get("id").isNull()).isTrue();
        assertThat(event.get("request").get("idempotency_key").isNull()).isTrue();
        assertThat(event.get("type").asText()).isEqualTo("payment_intent.succeeded");
        assertThat(event.get("data").get("object").toString()).isEqualTo(intent.toString());

        JsonNode charge = stripe.retrieveCharge(intent.get("latest_charge").asText()).orElseThrow();
        assertThat(charge.get("payment_intent").asText()).isEqualTo(id);
        assertThat(charge.get("amount").asLong()).isEqualTo(3000);
        assertThat(charge.get("amount_refunded").asLong()).isZero();
    }

    @Test
    void anyOtherCardTestMethodSucceeds() {
        ObjectNode intent = stripe.createPaymentIntent(intent("pm_card_mastercard", null));

        assertThat(intent.get("status").asText()).isEqualTo("succeeded");
        assertThat(intent.get("payment_method").asText()).isEqualTo("pm_card_mastercard");
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
    }

    @Test
    void chargeDeclinedIsAResultWithGenericDeclineAndPaymentFailedEvent() {
        ObjectNode intent = stripe.createPaymentIntent(intent("pm_card_chargeDeclined", "k1"));

        assertThat(intent.get("status").asText()).isEqualTo("requires_payment_method");
        assertThat(intent.get("latest_charge").isNull()).isTrue();
        assertThat(intent.get("amount_received").asLong()).isZero();
        JsonNode error = intent.get("last_payment_error");
        assertThat(error.get("code").asText()).isEqualTo("card_declined");
        assertThat(error.get("decline_code").asText()).isEqualTo("generic_decline");
        assertThat(error.get("message").asText()).isEqualTo("Your card was declined.");
        assertThat(sink.types()).containsExactly("payment_intent.payment_failed");
        assertThat(sink.json(0).get("data").get("object").toString()).isEqualTo(intent.toString());
    }

    @Test
    void insufficientFundsIsDeclinedWithItsDeclineCode() {
        ObjectNode intent = stripe.createPaymentIntent(intent("pm_card_chargeDeclinedInsufficientFunds", "k1"));

        assertThat(intent.get("status").asText()).isEqualTo("requires_payment_method");
        assertThat(intent.get("last_payment_error").get("code").asText()).isEqualTo("card_declined");
        assertThat(intent.get("last_payment_error").get("decline_code").asText()).isEqualTo("insufficient_funds");
        assertThat(sink.types()).containsExactly("payment_intent.payment_failed");
    }

    @Test
    void declinedIntentCanBePaidWithAnotherCard() {
        String id = stripe.createPaymentIntent(intent("pm_card_chargeDeclined", null)).get("id").asText();

        ObjectNode paid = stripe.confirmPaymentIntent(id, "pm_card_visa", null);

        assertThat(paid.get("status").asText()).isEqualTo("succeeded");
        assertThat(paid.get("last_payment_error").isNull()).isTrue();
        assertThat(sink.types()).containsExactly("payment_intent.payment_failed", "payment_intent.succeeded");
    }

    @Test
    void unknownPaymentMethodIsRefusedAndCreatesNothing() {
        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.createPaymentIntent(intent("pm_123", "k1")));

        assertThat(error.kind()).isEqualTo(PaymentGatewayException.Kind.PERMANENT);
        assertThat(error.code()).isEqualTo("resource_missing");
        assertThat(sink.events()).isEmpty();
    }

    @Test
    void withoutPaymentMethodTheIntentWaitsForConfirmation() {
        ObjectNode created = stripe.createPaymentIntent(intent(null, "k1"));
        String id = created.get("id").asText();

        assertThat(created.get("status").asText()).isEqualTo("requires_payment_method");
        assertThat(created.get("last_payment_error").isNull()).isTrue();
        assertThat(stripe.retrievePaymentIntent(id).orElseThrow().get("status").asText())
                .isEqualTo("requires_payment_method");
        assertThat(sink.events()).isEmpty();

        ObjectNode confirmed = stripe.confirmPaymentIntent(id, "pm_card_visa", "confirm-1");

        assertThat(confirmed.get("status").asText()).isEqualTo("succeeded");
        assertThat(confirmed.get("client_secret").asText()).isEqualTo(created.get("client_secret").asText());
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
    }

    @Test
    void confirmingWithoutAnyPaymentMethodIsRefused() {
        String id = stripe.createPaymentIntent(intent(null, null)).get("id").asText();

        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.confirmPaymentIntent(id, null, null));

        assertThat(error.code()).isEqualTo("parameter_missing");
    }

    @Test
    void threeDSecureRequiresActionUntilConfirmedAgain() {
        ObjectNode created = stripe.createPaymentIntent(intent("pm_card_threeDSecure2Required", "k1"));
        String id = created.get("id").asText();

        assertThat(created.get("status").asText()).isEqualTo("requires_action");
        assertThat(created.get("next_action").get("type").asText()).isEqualTo("use_stripe_sdk");
        assertThat(created.get("latest_charge").isNull()).isTrue();
        assertThat(sink.events()).isEmpty();

        ObjectNode authenticated = stripe.confirmPaymentIntent(id, null, null);

        assertThat(authenticated.get("status").asText()).isEqualTo("succeeded");
        assertThat(authenticated.get("next_action").isNull()).isTrue();
        assertThat(authenticated.get("payment_method").asText()).isEqualTo("pm_card_threeDSecure2Required");
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
    }

    @Test
    void threeDSecureCompletesWhenConfirmedAgainWithTheSameMethod() {
        String id = stripe.createPaymentIntent(intent(null, null)).get("id").asText();

        assertThat(stripe.confirmPaymentIntent(id, "pm_card_threeDSecure2Required", null).get("status").asText())
                .isEqualTo("requires_action");
        assertThat(stripe.confirmPaymentIntent(id, "pm_card_threeDSecure2Required", null).get("status").asText())
                .isEqualTo("succeeded");
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
    }

    @Test
    void aSucceededIntentCannotBeConfirmedAgain() {
        String id = stripe.createPaymentIntent(intent("pm_card_visa", null)).get("id").asText();

        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.confirmPaymentIntent(id, "pm_card_visa", null));

        assertThat(error.kind()).isEqualTo(PaymentGatewayException.Kind.PERMANENT);
        assertThat(error.code()).isEqualTo("payment_intent_unexpected_state");
        assertThat(sink.events()).hasSize(1);
    }

    @Test
    void confirmingAnUnknownIntentIsResourceMissing() {
        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.confirmPaymentIntent("pi_nope", "pm_card_visa", null));

        assertThat(error.code()).isEqualTo("resource_missing");
        assertThat(stripe.retrievePaymentIntent("pi_nope")).isEmpty();
    }

    @Test
    void anUnpaidIntentCanBeCanceledOnce() {
        String id = stripe.createPaymentIntent(intent(null, null)).get("id").asText();

        ObjectNode canceled = stripe.cancelPaymentIntent(id, "abandoned", "cancel-1");

        assertThat(canceled.get("status").asText()).isEqualTo("canceled");
        assertThat(canceled.get("cancellation_reason").asText()).isEqualTo("abandoned");
        assertThat(canceled.get("canceled_at").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(sink.types()).containsExactly("payment_intent.canceled");
        assertThat(catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.confirmPaymentIntent(id, "pm_card_visa", null)).code())
                .isEqualTo("payment_intent_unexpected_state");
    }

    @Test
    void aSucceededIntentCannotBeCanceled() {
        String id = stripe.createPaymentIntent(intent("pm_card_visa", null)).get("id").asText();

        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.cancelPaymentIntent(id, null, null));

        assertThat(error.code()).isEqualTo("payment_intent_unexpected_state");
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
    }

    @Test
    void sameIdempotencyKeyReturnsTheSameIntentWithoutASecondEvent() {
        ObjectNode first = stripe.createPaymentIntent(intent("pm_card_visa", "booking-bk-1-pay"));
        ObjectNode second = stripe.createPaymentIntent(intent("pm_card_visa", "booking-bk-1-pay"));

        assertThat(second).isEqualTo(first);
        assertThat(sink.events()).hasSize(1);

        ObjectNode other = stripe.createPaymentIntent(intent("pm_card_visa", "booking-bk-2-pay"));
        assertThat(other.get("id").asText()).isNotEqualTo(first.get("id").asText());
        assertThat(sink.events()).hasSize(2);
    }

    @Test
    void aKeyIsForgottenOnce24HoursOldAsAtStripe() {
        IdempotencyCacheTest.MovableClock clock = new IdempotencyCacheTest.MovableClock(NOW);
        SimulatedStripe stripe = new SimulatedStripe(sink, clock);
        String first = stripe.createPaymentIntent(intent("pm_card_visa", "booking-bk-1-pay")).get("id").asText();

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(stripe.createPaymentIntent(intent("pm_card_visa", "booking-bk-1-pay")).get("id").asText())
                .isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(stripe.createPaymentIntent(intent("pm_card_visa", "booking-bk-1-pay")).get("id").asText())
                .isNotEqualTo(first);
        assertThat(sink.types()).containsExactly("payment_intent.succeeded", "payment_intent.succeeded");
        assertThat(stripe.retrievePaymentIntent(first)).isPresent();
    }

    @Test
    void withoutIdempotencyKeyEveryCallCreatesAnIntent() {
        String first = stripe.createPaymentIntent(intent("pm_card_visa", null)).get("id").asText();
        String second = stripe.createPaymentIntent(intent("pm_card_visa", null)).get("id").asText();

        assertThat(second).isNotEqualTo(first);
        assertThat(sink.events()).hasSize(2);
    }

    @Test
    void reusingAKeyWithOtherParametersIsRefused() {
        stripe.createPaymentIntent(intent("pm_card_visa", "k1"));

        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.createPaymentIntent(new CreatePaymentIntent(5000, "usd", "pm_card_visa", "other",
                        "bk-1", METADATA, "k1")));

        assertThat(error.kind()).isEqualTo(PaymentGatewayException.Kind.PERMANENT);
        assertThat(error.code()).isEqualTo("idempotency_error");
        assertThat(sink.events()).hasSize(1);
    }

    @Test
    void confirmWithARepeatedKeyReplaysInsteadOfFailing() {
        String id = stripe.createPaymentIntent(intent(null, null)).get("id").asText();

        ObjectNode first = stripe.confirmPaymentIntent(id, "pm_card_visa", "confirm-1");
        ObjectNode again = stripe.confirmPaymentIntent(id, "pm_card_visa", "confirm-1");

        assertThat(again).isEqualTo(first);
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
    }

    @Test
    void partialRefundsAccumulateOnTheChargeUntilFullyRefunded() {
        ObjectNode intent = stripe.createPaymentIntent(intent("pm_card_visa", "k1"));
        String id = intent.get("id").asText();
        sink.clear();

        ObjectNode first = stripe.createRefund(new CreateRefund(id, 1000, "requested_by_customer",
                Map.of("attempt", "1"), "refund-1"));
        ObjectNode second = stripe.createRefund(new CreateRefund(id, 2000, null, Map.of(), "refund-2"));

        assertThat(first.get("id").asText()).matches("re_sim_[0-9A-Za-z]{24}");
        assertThat(first.get("object").asText()).isEqualTo("refund");
        assertThat(first.get("status").asText()).isEqualTo("succeeded");
        assertThat(first.get("amount").asLong()).isEqualTo(1000);
        assertThat(first.get("payment_intent").asText()).isEqualTo(id);
        assertThat(first.get("metadata").get("attempt").asText()).isEqualTo("1");
        assertThat(second.get("amount").asLong()).isEqualTo(2000);

        assertThat(sink.types()).containsExactly("charge.refunded", "charge.refunded");
        JsonNode afterFirst = sink.json(0).get("data").get("object");
        assertThat(afterFirst.get("id").asText()).isEqualTo(intent.get("latest_charge").asText());
        assertThat(afterFirst.get("object").asText()).isEqualTo("charge");
        assertThat(afterFirst.get("amount").asLong()).isEqualTo(3000);
        assertThat(afterFirst.get("amount_refunded").asLong()).isEqualTo(1000);
        assertThat(afterFirst.get("refunded").asBoolean()).isFalse();
        assertThat(afterFirst.get("payment_intent").asText()).isEqualTo(id);
        assertThat(afterFirst.get("currency").asText()).isEqualTo("usd");
        assertThat(afterFirst.get("metadata").get("booking_id").asText()).isEqualTo("bk-1");
        JsonNode afterSecond = sink.json(1).get("data").get("object");
        assertThat(afterSecond.get("amount_refunded").asLong()).isEqualTo(3000);
        assertThat(afterSecond.get("refunded").asBoolean()).isTrue();
    }

    @Test
    void refundingMoreThanRemainsIsAmountTooLarge() {
        String id = stripe.createPaymentIntent(intent("pm_card_visa", null)).get("id").asText();
        stripe.createRefund(new CreateRefund(id, 2000, null, Map.of(), "refund-1"));
        sink.clear();

        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.createRefund(new CreateRefund(id, 1001, null, Map.of(), "refund-2")));

        assertThat(error.kind()).isEqualTo(PaymentGatewayException.Kind.PERMANENT);
        assertThat(error.code()).isEqualTo("amount_too_large");
        assertThat(sink.events()).isEmpty();
    }

    @Test
    void refundingAFullyRefundedChargeIsChargeAlreadyRefunded() {
        String id = stripe.createPaymentIntent(intent("pm_card_visa", null)).get("id").asText();
        stripe.createRefund(new CreateRefund(id, 3000, null, Map.of(), "refund-1"));

        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.createRefund(new CreateRefund(id, 1, null, Map.of(), "refund-2")));

        assertThat(error.kind()).isEqualTo(PaymentGatewayException.Kind.PERMANENT);
        assertThat(error.code()).isEqualTo("charge_already_refunded");
    }

    @Test
    void refundWithARepeatedKeyIsNotRefundedTwice() {
        String id = stripe.createPaymentIntent(intent("pm_card_visa", null)).get("id").asText();
        sink.clear();

        ObjectNode first = stripe.createRefund(new CreateRefund(id, 3000, null, Map.of(), "refund-bk-1-1"));
        ObjectNode again = stripe.createRefund(new CreateRefund(id, 3000, null, Map.of(), "refund-bk-1-1"));

        assertThat(again).isEqualTo(first);
        assertThat(sink.types()).containsExactly("charge.refunded");
    }

    @Test
    void onlyASucceededIntentCanBeRefunded() {
        String id = stripe.createPaymentIntent(intent("pm_card_chargeDeclined", null)).get("id").asText();

        PaymentGatewayException error = catchThrowableOfType(PaymentGatewayException.class,
                () -> stripe.createRefund(new CreateRefund(id, 3000, null, Map.of(), "refund-1")));

        assertThat(error.kind()).isEqualTo(PaymentGatewayException.Kind.PERMANENT);
        assertThat(error.code()).isEqualTo("payment_intent_unexpected_state");
    }

    @Test
    void checkoutSessionIsOpenUntilCompletedThenPaysItsPaymentIntent() {
        ObjectNode session = stripe.createCheckoutSession(new CreateCheckoutSession(5000, "usd",
                "20 Minute Session", "http://localhost/return", "bk-9", Map.of("booking_id", "bk-9"), "cs-k1"));
        String id = session.get("id").asText();

        assertThat(id).matches("cs_sim_[0-9A-Za-z]{24}");
        assertThat(session.get("client_secret").asText()).startsWith(id + "_secret_");
        assertThat(session.get("status").asText()).isEqualTo("open");
        assertThat(session.get("payment_status").asText()).isEqualTo("unpaid");
        assertThat(session.get("payment_intent").isNull()).isTrue();
        assertThat(sink.events()).isEmpty();

        ObjectNode completed = stripe.completeCheckoutSession(id, "pm_card_visa");

        assertThat(completed.get("status").asText()).isEqualTo("complete");
        assertThat(completed.get("payment_status").asText()).isEqualTo("paid");
        String paymentIntentId = completed.get("payment_intent").asText();
        assertThat(paymentIntentId).startsWith("pi_sim_");
        assertThat(sink.types()).containsExactly("checkout.session.completed", "payment_intent.succeeded");

        JsonNode sessionEvent = sink.json(0).get("data").get("object");
        assertThat(sessionEvent.get("id").asText()).isEqualTo(id);
        assertThat(sessionEvent.get("object").asText()).isEqualTo("checkout.session");
        assertThat(sessionEvent.get("payment_intent").asText()).isEqualTo(paymentIntentId);
        assertThat(sessionEvent.get("payment_status").asText()).isEqualTo("paid");
        assertThat(sessionEvent.get("status").asText()).isEqualTo("complete");
        assertThat(sessionEvent.get("metadata").get("booking_id").asText()).isEqualTo("bk-9");
        assertThat(sessionEvent.get("amount_total").asLong()).isEqualTo(5000);
        assertThat(sessionEvent.get("currency").asText()).isEqualTo("usd");

        JsonNode intent = sink.json(1).get("data").get("object");
        assertThat(intent.get("id").asText()).isEqualTo(paymentIntentId);
        assertThat(intent.get("status").asText()).isEqualTo("succeeded");
        assertThat(intent.get("amount").asLong()).isEqualTo(5000);
        assertThat(intent.get("metadata").get("booking_id").asText()).isEqualTo("bk-9");
        assertThat(intent.get("transfer_group").asText()).isEqualTo("bk-9");
    }

    @Test
    void completingACompleteSessionChangesNothing() {
        String id = stripe.createCheckoutSession(new CreateCheckoutSession(5000, "usd", "Session", null, "bk-9",
                Map.of(), null)).get("id").asText();
        ObjectNode completed = stripe.completeCheckoutSession(id, "pm_card_visa");

        ObjectNode again = stripe.completeCheckoutSession(id, "pm_card_visa");

        assertThat(again).isEqualTo(completed);
        assertThat(sink.events()).hasSize(2);
    }

    @Test
    void aDeclinedCheckoutStaysOpenAndTheNextCardPaysTheSameIntent() {
        String id = stripe.createCheckoutSession(new CreateCheckoutSession(5000, "usd", "Session", null, "bk-9",
                Map.of("booking_id", "bk-9"), null)).get("id").asText();

        ObjectNode declined = stripe.completeCheckoutSession(id, "pm_card_chargeDeclined");

        assertThat(declined.get("status").asText()).isEqualTo("open");
        assertThat(declined.get("payment_status").asText()).isEqualTo("unpaid");
        String paymentIntentId = declined.get("payment_intent").asText();
        assertThat(sink.types()).containsExactly("payment_intent.payment_failed");

        ObjectNode paid = stripe.completeCheckoutSession(id, "pm_card_visa");

        assertThat(paid.get("status").asText()).isEqualTo("complete");
        assertThat(paid.get("payment_intent").asText()).isEqualTo(paymentIntentId);
        assertThat(sink.types()).containsExactly("payment_intent.payment_failed", "checkout.session.completed",
                "payment_intent.succeeded");
    }

    @Test
    void checkoutPassesThreeDSecureInsideThePage() {
        String id = stripe.createCheckoutSession(new CreateCheckoutSession(5000, "usd", "Session", null, "bk-9",
                Map.of(), null)).get("id").asText();

        ObjectNode completed = stripe.completeCheckoutSession(id, "pm_card_threeDSecure2Required");

        assertThat(completed.get("status").asText()).isEqualTo("complete");
        assertThat(sink.types()).containsExactly("checkout.session.completed", "payment_intent.succeeded");
    }

    @Test
    void sameCheckoutKeyReturnsTheSameSession() {
        CreateCheckoutSession request = new CreateCheckoutSession(5000, "usd", "Session", null, "bk-9", Map.of(),
                "cs-bk-9");

        assertThat(stripe.createCheckoutSession(request)).isEqualTo(stripe.createCheckoutSession(request));
    }
}
