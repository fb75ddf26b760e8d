package io.settle.app.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.settle.app.gateway.simulator.connect.SimulatedConnect;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payout.ConnectGateway.CreateTransfer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator's injected faults look like Stripe's: 5xx and 429 do nothing, a timeout hides a success. */
class SimulatorFaultsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:00:00Z"), ZoneOffset.UTC);

    private final RecordingSink sink = new RecordingSink();
    private final SimulatedStripe stripe = new SimulatedStripe(sink, CLOCK);

    private static CreatePaymentIntent intent(String key) {
        return new CreatePaymentIntent(3000, "usd", "pm_card_visa", "Session", "bk-1", Map.of("booking_id", "bk-1"), key);
    }

    @Test
    void server_errors_and_rate_limits_create_nothing_and_a_retry_with_the_same_key_succeeds_once() {
        stripe.injectFaults(GatewayFault.SERVER_ERROR, 1);
        stripe.injectFaults(GatewayFault.RATE_LIMITED, 1);

        assertThatThrownBy(() -> stripe.createPaymentIntent(intent("k1"))).isInstanceOf(PaymentGatewayException.class)
                .satisfies(e -> assertThat(((PaymentGatewayException) e).code()).isEqualTo("api_error"))
                .satisfies(e -> assertThat(((PaymentGatewayException) e).isTransient()).isTrue());
        assertThatThrownBy(() -> stripe.createPaymentIntent(intent("k1")))
                .satisfies(e -> assertThat(((PaymentGatewayException) e).code()).isEqualTo("rate_limit"));
        assertThat(sink.types()).isEmpty();

        String id = stripe.createPaymentIntent(intent("k1")).get("id").asText();
        assertThat(stripe.createPaymentIntent(intent("k1")).get("id").asText()).isEqualTo(id);
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
    }

    @Test
    void a_timeout_after_success_did_the_work_and_the_retry_replays_it() {
        stripe.injectFaults(GatewayFault.TIMEOUT_AFTER_SUCCESS, 1);

        assertThatThrownBy(() -> stripe.createPaymentIntent(intent("k2")))
                .satisfies(e -> assertThat(((PaymentGatewayException) e).isTransient()).isTrue());
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
        String paid = sink.json(0).path("data").path("object").path("id").asText();
        assertThat(stripe.createPaymentIntent(intent("k2")).get("id").asText()).isEqualTo(paid);
        assertThat(sink.types()).hasSize(1);
    }

    /** Found by SimulationTest seed 4: a fault meant for the platform's next call was used up by a dispute. */
    @Test
    void a_bank_dispute_is_not_an_api_call_it_neither_fails_nor_uses_up_a_fault_and_is_counted_as_withdrawn() {
        stripe.createPaymentIntent(intent("k3"));
        String charge = sink.json(0).path("data").path("object").path("latest_charge").asText();
        stripe.injectFaults(GatewayFault.TIMEOUT_AFTER_SUCCESS, 1);

        String dispute = stripe.createDispute(charge, 1200L, "fraudulent", false).path("id").asText();
        assertThat(stripe.disputeStatus(charge)).contains("needs_response");
        assertThat(stripe.disputeWithdrawn("usd")).isEqualTo(1200);
        assertThat(stripe.closeDispute(charge, "won").path("id").asText()).isEqualTo(dispute);
        assertThat(stripe.disputeWithdrawn("usd")).isZero();
        assertThat(sink.types()).containsExactly("payment_intent.succeeded", "charge.dispute.created",
                "charge.dispute.closed");

        assertThatThrownBy(() -> stripe.createPaymentIntent(intent("k4")))
                .as("the fault still waits for the platform's next call").isInstanceOf(PaymentGatewayException.class);
    }

    @Test
    void an_inquiry_withdraws_nothing_until_it_is_lost() {
        stripe.createPaymentIntent(intent("k5"));
        String charge = sink.json(0).path("data").path("object").path("latest_charge").asText();
        stripe.createDispute(charge, null, "fraudulent", true);
        assertThat(stripe.disputeWithdrawn("usd")).isZero();
        stripe.closeDispute(charge, "lost");
        assertThat(stripe.disputeWithdrawn("usd")).isEqualTo(3000);
    }

    @Test
    void transfer_faults_and_a_restarted_simulator_that_remembers_the_transfers() {
        SimulatedConnect connect = new SimulatedConnect(sink, CLOCK);
        String account = connect.createAccount("US", "p@example.com", Map.of(), "acct-key").id();
        connect.completeOnboarding(account, false);
        CreateTransfer transfer = new CreateTransfer(account, 2700, "usd", "payout:po-1", null,
                Map.of("payout_id", "po-1"), "payout:po-1:transfer");

        connect.injectTransferFaults(GatewayFault.SERVER_ERROR, 1);
        assertThatThrownBy(() -> connect.createTransfer(transfer)).isInstanceOf(PaymentGatewayException.class);
        assertThat(connect.transfers()).isEmpty();
        connect.injectTransferFaults(GatewayFault.TIMEOUT_AFTER_SUCCESS, 1);
        assertThatThrownBy(() -> connect.createTransfer(transfer)).isInstanceOf(PaymentGatewayException.class);
        assertThat(connect.transfers()).hasSize(1);

        SimulatedConnect restarted = new SimulatedConnect(sink, CLOCK);
        restarted.carryOver(connect);
        assertThat(restarted.createTransfer(transfer).id()).isEqualTo(connect.transfers().get(0).id());
        assertThat(restarted.findTransfer("payout:po-1", "po-1")).isPresent();
        assertThat(restarted.transfers()).hasSize(1);
    }
}
