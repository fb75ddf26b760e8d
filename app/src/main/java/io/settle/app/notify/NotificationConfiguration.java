package io.settle.app.notify;

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
class NotificationConfiguration {

    /**
     * The outbox writer starts at the head of the event stream the first time it runs (a new deployment does
     * not mail about history); afterwards its stored token says where it is.
     */
    @Bean
    ConfigurerModule notificationsStartAtHead() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                NotificationEventHandler.PROCESSING_GROUP,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }

    /** Sends due outbox rows. db-scheduler runs it on one node at a time; rows are claimed with SKIP LOCKED anyway. */
    @Bean
    RecurringTask<Void> notificationOutboxSend(OutboxMailSender sender,
                                                @Value("${settle.mail.send-interval:PT2S}") Duration interval) {
        return Tasks.recurring("notification-outbox-send", FixedDelay.of(interval))
                .execute((instance, context) -> sender.sendDue());
    }
}
