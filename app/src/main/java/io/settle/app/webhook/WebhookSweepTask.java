package io.settle.app.webhook;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookSweepTask {

    /**
     * Processes inbox rows that are due: retries whose backoff elapsed, and events whose immediate hand-off
     * was lost (crash, restart, full queue) or whose worker died mid-way. db-scheduler runs it on one
     * instance at a time.
     */
    @Bean
    RecurringTask<Void> stripeWebhookInboxSweep(WebhookProcessor processor,
                                                @Value("${settle.webhooks.sweep-interval:PT2S}") Duration interval) {
        return Tasks.recurring("stripe-webhook-inbox-sweep", FixedDelay.of(interval))
                .execute((instance, context) -> processor.sweep());
    }
}
