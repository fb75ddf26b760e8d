package io.settle.app.web.idempotency;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdempotencyPurgeTask {

    /** Drops stored responses older than the retention period, once an hour, on one node at a time. */
    @Bean
    RecurringTask<Void> idempotencyKeysPurge(IdempotencyStore store) {
        return Tasks.recurring("idempotency-keys-purge", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> store.purgeExpired());
    }
}
