package io.settle.app.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatorWebhookTargetTest {

    @Test
    void aBaseUrlGetsTheWebhookPath() {
        assertThat(SimulatorWebhookTarget.webhookUri("http://localhost:9000").toString())
                .isEqualTo("http://localhost:9000/webhooks/stripe");
        assertThat(SimulatorWebhookTarget.webhookUri("http://localhost:9000/").toString())
                .isEqualTo("http://localhost:9000/webhooks/stripe");
    }

    @Test
    void aFullUrlIsUsedAsGiven() {
        assertThat(SimulatorWebhookTarget.webhookUri(" http://app:8080/webhooks/stripe ").toString())
                .isEqualTo("http://app:8080/webhooks/stripe");
    }
}
