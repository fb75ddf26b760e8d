package io.settle.app.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import io.settle.api.Money;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PayoutSettingsTest {

    @Test
    void the_schedule_reads_day_time_and_zone_and_becomes_a_weekly_cron() {
        WeeklySchedule schedule = WeeklySchedule.parse("MON 09:00 UTC");
        assertThat(schedule).isEqualTo(new WeeklySchedule(DayOfWeek.MONDAY, LocalTime.of(9, 0), ZoneId.of("UTC")));
        CronSchedule cron = (CronSchedule) schedule.toSchedule();
        assertThat(cron.getPattern()).isEqualTo("0 0 9 * * MON");
        assertThat(cron.getZoneId()).isEqualTo(ZoneId.of("UTC"));

        WeeklySchedule berlin = WeeklySchedule.parse("fri 17:30 Europe/Berlin");
        assertThat(((CronSchedule) berlin.toSchedule()).getPattern()).isEqualTo("0 30 17 * * FRI");
        assertThat(berlin.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void a_schedule_that_is_not_day_time_zone_is_refused_at_start() {
        assertThatThrownBy(() -> WeeklySchedule.parse("every monday")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SETTLE_PAYOUT_SCHEDULE");
        assertThatThrownBy(() -> WeeklySchedule.parse("MOX 09:00 UTC")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_minimum_is_in_major_units_of_each_currency() {
        PayoutSettings settings = new PayoutSettings(new BigDecimal("10.00"), "https://r", "https://b");
        assertThat(settings.minimum("usd")).isEqualTo(Money.of(1000, "usd"));
        assertThat(settings.minimum("jpy")).isEqualTo(Money.of(10, "jpy"));
        assertThat(new PayoutSettings(new BigDecimal("0.5"), "r", "b").minimum("eur")).isEqualTo(Money.of(50, "eur"));
    }
}
