package io.settle.app.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;
import io.settle.saga.payment.CreatePaymentIntent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorWebhookSignerTest {

    private static final String SECRET = "whsec_sim_test_0123456789";

    @Test
    void headerIsStripesFormatWithTheGivenTimestamp() throws Exception {
        String header = WebhookSigner.header("{\"id\":\"evt_1\"}", SECRET, 1_795_256_130L);

        assertThat(header).matches("t=1795256130,v1=[0-9a-f]{64}");
        assertThat(header).isEqualTo(Webhook.Signature.generateSignatureHeader("{\"id\":\"evt_1\"}", SECRET,
                1_795_256_130L));
    }

    @Test
    void stripeJavaAcceptsTheSignatureAndReadsTheEvent() throws Exception {
        RecordingSink sink = new RecordingSink();
        new SimulatedStripe(sink, Clock.systemUTC()).createPaymentIntent(new CreatePaymentIntent(3000, "usd",
                "pm_card_visa", "Session", "bk-1", Map.of("booking_id", "bk-1"), "k1"));
        SimulatorEvent simulated = sink.events().get(0);
        String header = new WebhookSigner(SECRET, Clock.systemUTC()).header(simulated.payload());

        Event event = Webhook.constructEvent(simulated.payload(), header, SECRET);

        assertThat(event.getId()).isEqualTo(simulated.id());
        assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
        assertThat(event.getLivemode()).isFalse();
        PaymentIntent intent = (PaymentIntent) event.getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(intent.getAmount()).isEqualTo(3000L);
        assertThat(intent.getAmountReceived()).isEqualTo(3000L);
        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getMetadata()).containsExactly(Map.entry("booking_id", "bk-1"));
        assertThat(intent.getTransferGroup()).isEqualTo("bk-1");
        assertThat(intent.getLatestCharge()).startsWith("ch_sim_");
    }

    @Test
    void stripeJavaRejectsAnotherSecretOrATamperedPayload() {
        String payload = "{\"id\":\"evt_1\",\"object\":\"event\"}";
        String header = new WebhookSigner(SECRET, Clock.systemUTC()).header(payload);

        assertThatThrownBy(() -> Webhook.constructEvent(payload, header, "whsec_other"))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.constructEvent(payload.replace("evt_1", "evt_2"), header, SECRET))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void signatureTimestampComesFromTheSignersClock() {
        Instant tenMinutesAgo = Instant.now().minusSeconds(600);
        String payload = "{\"id\":\"evt_1\",\"object\":\"event\"}";
        String header = new WebhookSigner(SECRET, Clock.fixed(tenMinutesAgo, ZoneOffset.UTC)).header(payload);

        assertThat(header).startsWith("t=" + tenMinutesAgo.getEpochSecond() + ",");
        assertThatThrownBy(() -> Webhook.constructEvent(payload, header, SECRET))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("tolerance");
    }
}
