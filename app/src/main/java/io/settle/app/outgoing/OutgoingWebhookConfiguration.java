package io.settle.app.outgoing;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OutgoingWebhookConfiguration {

    /** Starts at the head of the event stream the first time: a new deployment does not send history. */
    @Bean
    ConfigurerModule outgoingWebhooksStartAtHead() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                OutgoingWebhookHandler.PROCESSING_GROUP,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }

    /** db-scheduler runs it on one node at a time; deliveries are claimed with SKIP LOCKED anyway. */
    @Bean
    RecurringTask<Void> outgoingWebhookSend(OutgoingWebhookSender sender,
                                            @Value("${settle.outgoing-webhooks.send-interval:PT2S}") Duration interval) {
        return Tasks.recurring("outgoing-webhook-send", FixedDelay.of(interval))
                .execute((instance, context) -> sender.sendDue());
    }
}
