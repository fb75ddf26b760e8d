package io.settle.app.gateway.simulator.billing;

import io.settle.app.gateway.simulator.SimulatedStripe;
import io.settle.app.gateway.simulator.SimulatorWebhookDelivery;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Simulated Stripe Billing, only with {@code settle.stripe.gateway=simulator}; events go the simulator's way. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "settle.stripe.gateway", havingValue = "simulator")
public class SimulatorBillingConfiguration {

    @Bean
    SimulatedBilling simulatedBilling(SimulatorWebhookDelivery delivery, Clock clock, SimulatedStripe payments) {
        SimulatedBilling billing = new SimulatedBilling(delivery, clock);
        payments.resolveSavedCardsWith(billing::savedCard);
        return billing;
    }

    @Bean
    SimulatorBillingGateway simulatorBillingGateway(SimulatedBilling billing) {
        return new SimulatorBillingGateway(billing);
    }
}
