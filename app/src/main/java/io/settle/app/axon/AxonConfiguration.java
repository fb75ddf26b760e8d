package io.settle.app.axon;

import io.settle.api.MetadataKeys;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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
    /**
     * A projection or saga handler that fails is retried (the tracking processor backs off and tries the
     * same event again) instead of logged and skipped: skipping would silently lose a money movement.
     * Handlers are idempotent, so the retry is safe.
     */
    @Bean
    ConfigurerModule retryFailedEventHandlers() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    CorrelationDataProvider settleCorrelationData() {
        return new SimpleCorrelationDataProvider(
                MetadataKeys.USER_ID, MetadataKeys.CORRELATION_ID, MetadataKeys.STRIPE_EVENT_ID);
    }
}
