package io.settle.app.gateway.simulator.connect;

import io.settle.app.gateway.StripeSettings;
import io.settle.app.gateway.simulator.SimulatorWebhookDelivery;
import io.settle.app.gateway.simulator.WebhookSigner;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated Stripe Connect, with {@code settle.stripe.gateway=simulator}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "settle.stripe.gateway", havingValue = "simulator")
public class SimulatorConnectConfiguration {

    @Bean(destroyMethod = "close")
    ConnectWebhookDelivery connectWebhookDelivery(StripeSettings settings,
                                                  @Value("${settle.simulator.webhook-url:}") String url,
                                                  @Value("${server.servlet.context-path:}") String contextPath) {
        WebhookSigner signer = new WebhookSigner(settings.connectWebhookSecret(), Clock.systemUTC());
        SimulatorWebhookDelivery delivery = new SimulatorWebhookDelivery(
                url.isBlank() ? null : ConnectWebhookDelivery.connectUri(url), signer,
                SimulatorWebhookDelivery.DEFAULT_FIRST_ATTEMPT_DELAY, SimulatorWebhookDelivery.DEFAULT_BACKOFF);
        return new ConnectWebhookDelivery(delivery, !url.isBlank(), contextPath);
    }

    @Bean
    SimulatedConnect simulatedConnect(ConnectWebhookDelivery delivery, SimulatorWebhookDelivery platformDelivery,
                                      Clock clock) {
        return new SimulatedConnect(delivery, platformDelivery, clock);
    }
}
