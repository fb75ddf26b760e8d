package io.settle.app.gateway.simulator;

import io.settle.app.gateway.StripeSettings;
import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The simulator adapter, only with {@code settle.stripe.gateway=simulator}. Events go to
 * {@code settle.simulator.webhook-url} when set, else to this application's own {@code /webhooks/stripe}
 * once the web server's port is known.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "settle.stripe.gateway", havingValue = "simulator")
public class SimulatorConfiguration {

    @Bean(destroyMethod = "close")
    SimulatorWebhookDelivery simulatorWebhookDelivery(StripeSettings settings,
                                                      @Value("${settle.simulator.webhook-url:}") String url) {
        URI endpoint = url.isBlank() ? null : SimulatorWebhookTarget.webhookUri(url);
        // signed with wall-clock time like Stripe, not the application Clock that tests may move
        WebhookSigner signer = new WebhookSigner(settings.webhookSecret(), Clock.systemUTC());
        return new SimulatorWebhookDelivery(endpoint, signer, SimulatorWebhookDelivery.DEFAULT_FIRST_ATTEMPT_DELAY,
                SimulatorWebhookDelivery.DEFAULT_BACKOFF);
    }

    @Bean
    SimulatorWebhookTarget simulatorWebhookTarget(SimulatorWebhookDelivery delivery,
                                                  @Value("${settle.simulator.webhook-url:}") String url,
                                                  @Value("${server.servlet.context-path:}") String contextPath) {
        return new SimulatorWebhookTarget(delivery, !url.isBlank(), contextPath);
    }

    @Bean
    SimulatedStripe simulatedStripe(SimulatorWebhookDelivery delivery, Clock clock) {
        return new SimulatedStripe(delivery, clock);
    }

    @Bean
    SimulatorPaymentGateway simulatorPaymentGateway(SimulatedStripe stripe) {
        return new SimulatorPaymentGateway(stripe);
    }
}
