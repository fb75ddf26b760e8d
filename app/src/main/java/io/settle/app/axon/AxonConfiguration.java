package io.settle.app.axon;

import io.settle.api.MetadataKeys;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Copies who and why from each handled message to everything it causes: command → events,
     * event → saga commands. Replaces Axon's default origin provider, whose "correlationId" (the
     * causing message's id) would overwrite the request's correlation id.
     */
    @Bean
    CorrelationDataProvider settleCorrelationData() {
        return new SimpleCorrelationDataProvider(
                MetadataKeys.USER_ID, MetadataKeys.CORRELATION_ID, MetadataKeys.STRIPE_EVENT_ID);
    }
}
