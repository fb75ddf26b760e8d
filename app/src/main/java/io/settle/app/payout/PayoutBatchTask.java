package io.settle.app.payout;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The weekly payout batch as a db-scheduler recurring task: one node runs it, and it survives restarts. */
@Configuration(proxyBeanMethods = false)
class PayoutBatchTask {

    @Bean
    RecurringTask<Void> weeklyPayouts(WeeklySchedule schedule, PayoutBatch batch) {
        return Tasks.recurring("weekly-payouts", schedule.toSchedule())
                .execute((instance, context) -> batch.run());
    }
}
