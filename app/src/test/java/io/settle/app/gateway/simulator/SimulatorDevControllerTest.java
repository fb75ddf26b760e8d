package io.settle.app.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.settle.app.gateway.simulator.SimulatorDevController.CompleteRequest;
import io.settle.app.gateway.simulator.SimulatorDevController.ConfirmRequest;
import io.settle.app.web.ApiException;
import io.settle.saga.payment.CreateCheckoutSession;
import io.settle.saga.payment.CreatePaymentIntent;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class SimulatorDevControllerTest {

    private final RecordingSink sink = new RecordingSink();
    private final SimulatedStripe stripe = new SimulatedStripe(sink, Clock.systemUTC());
    private final SimulatorDevController controller = new SimulatorDevController(stripe);

    private String unconfirmedIntent() {
        return stripe.createPaymentIntent(new CreatePaymentIntent(3000, "usd", null, "Session", "bk-1",
                Map.of("booking_id", "bk-1"), null)).get("id").asText();
    }

    @Test
    void confirmReturnsThePaymentIntentAndSendsItsEvent() {
        String id = unconfirmedIntent();

        ObjectNode intent = controller.confirm(id, new ConfirmRequest("pm_card_visa"));

        assertThat(intent.get("id").asText()).isEqualTo(id);
        assertThat(intent.get("status").asText()).isEqualTo("succeeded");
        assertThat(sink.types()).containsExactly("payment_intent.succeeded");
    }

    @Test
    void confirmWithoutBodyPassesThreeDSecure() {
        String id = unconfirmedIntent();
        controller.confirm(id, new ConfirmRequest("pm_card_threeDSecure2Required"));

        assertThat(controller.confirm(id, null).get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void unknownPaymentIntentIsNotFound() {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> controller.confirm("pi_sim_missing", new ConfirmRequest("pm_card_visa")));

        assertThat(error.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(error.code()).isEqualTo("NOT_FOUND");
        assertThat(error.getMessage()).isEqualTo("payment intent pi_sim_missing not found");
    }

    @Test
    void confirmingAPaidIntentIsAConflict() {
        String id = unconfirmedIntent();
        controller.confirm(id, new ConfirmRequest("pm_card_visa"));

        ApiException error = catchThrowableOfType(ApiException.class,
                () -> controller.confirm(id, new ConfirmRequest("pm_card_visa")));

        assertThat(error.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(error.properties()).containsEntry("stripeCode", "payment_intent_unexpected_state");
    }

    @Test
    void anUnknownPaymentMethodIsAValidationError() {
        String id = unconfirmedIntent();

        ApiException error = catchThrowableOfType(ApiException.class,
                () -> controller.confirm(id, new ConfirmRequest("pm_nonsense")));

        assertThat(error.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(error.properties()).containsEntry("stripeCode", "resource_missing");
    }

    @Test
    void completeReturnsThePaidSession() {
        String id = stripe.createCheckoutSession(new CreateCheckoutSession(3000, "usd", "Session", null, "bk-1",
                Map.of("booking_id", "bk-1"), null)).get("id").asText();

        ObjectNode session = controller.complete(id, new CompleteRequest("pm_card_visa"));

        assertThat(session.get("id").asText()).isEqualTo(id);
        assertThat(session.get("status").asText()).isEqualTo("complete");
        assertThat(session.get("payment_status").asText()).isEqualTo("paid");
        assertThat(sink.types()).containsExactly("checkout.session.completed", "payment_intent.succeeded");
    }

    @Test
    void unknownCheckoutSessionIsNotFound() {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> controller.complete("cs_sim_missing", new CompleteRequest("pm_card_visa")));

        assertThat(error.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(error.getMessage()).isEqualTo("checkout session cs_sim_missing not found");
    }
}
