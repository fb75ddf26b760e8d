package io.settle.app.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.app.gateway.StripeSettings;
import io.settle.saga.payment.PaymentGateway;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.support.StaticApplicationContext;

/** The wiring conditions, on a bare context (no web server, no database). */
class SimulatorConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(Clock.class, Clock::systemUTC)
            .withUserConfiguration(StripeSettings.class, SimulatorConfiguration.class, SimulatorDevController.class);

    @Test
    void simulatorGatewayPresentOnlyWithTheSimulator() {
        runner.withPropertyValues("settle.stripe.gateway=simulator").run(context -> {
            assertThat(context).hasSingleBean(PaymentGateway.class);
            assertThat(context.getBean(PaymentGateway.class)).isInstanceOf(SimulatorPaymentGateway.class);
            assertThat(context).hasSingleBean(SimulatorWebhookDelivery.class);
            assertThat(context).doesNotHaveBean(SimulatorDevController.class);
        });
        runner.withPropertyValues("settle.stripe.gateway=stripe", "settle.stripe.secret-key=sk_test_x",
                "settle.stripe.webhook-secret=whsec_x", "settle.dev.enabled=true").run(context -> {
            assertThat(context).doesNotHaveBean(SimulatedStripe.class);
            assertThat(context).doesNotHaveBean(SimulatorDevController.class);
        });
    }

    @Test
    void devEndpointsNeedDevModeAndTheSimulator() {
        runner.withPropertyValues("settle.stripe.gateway=simulator", "settle.dev.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(SimulatorDevController.class));
    }

    @Test
    void deliveriesGoToTheLocalServersWebhookPathOnceItsPortIsKnown() {
        runner.withPropertyValues("settle.stripe.gateway=simulator").run(context -> {
            SimulatorWebhookDelivery delivery = context.getBean(SimulatorWebhookDelivery.class);
            assertThat(delivery.endpoint()).isEmpty();

            context.publishEvent(new StartedServer(54_321, null));
            context.publishEvent(new StartedServer(54_999, "management"));

            assertThat(delivery.endpoint()).hasValueSatisfying(uri ->
                    assertThat(uri.toString()).isEqualTo("http://localhost:54321/webhooks/stripe"));
        });
    }

    @Test
    void aConfiguredWebhookUrlWinsOverThePort() {
        runner.withPropertyValues("settle.stripe.gateway=simulator",
                "settle.simulator.webhook-url=http://127.0.0.1:9999").run(context -> {
            SimulatorWebhookDelivery delivery = context.getBean(SimulatorWebhookDelivery.class);

            context.publishEvent(new StartedServer(54_321, null));

            assertThat(delivery.endpoint()).hasValueSatisfying(uri ->
                    assertThat(uri.toString()).isEqualTo("http://127.0.0.1:9999/webhooks/stripe"));
        });
    }

    /** What Spring Boot publishes when a web server starts, for a server of a given namespace. */
    private static final class StartedServer extends WebServerInitializedEvent {

        private final String namespace;

        StartedServer(int port, String namespace) {
            super(new FixedPortServer(port));
            this.namespace = namespace;
        }

        @Override
        public WebServerApplicationContext getApplicationContext() {
            return new NamespacedContext(namespace);
        }
    }

    private record FixedPortServer(int port) implements WebServer {

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public int getPort() {
            return port;
        }
    }

    private static final class NamespacedContext extends StaticApplicationContext
            implements WebServerApplicationContext {

        private final String namespace;

        NamespacedContext(String namespace) {
            this.namespace = namespace;
        }

        @Override
        public WebServer getWebServer() {
            return null;
        }

        @Override
        public String getServerNamespace() {
            return namespace;
        }
    }
}
