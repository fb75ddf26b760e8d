package io.settle.app.payout;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When the payout batch runs: SETTLE_PAYOUT_SCHEDULE such as {@code MON 09:00 UTC} (day, time, zone). */
public record WeeklySchedule(DayOfWeek day, LocalTime time, ZoneId zone) {

    private static final Pattern FORMAT = Pattern.compile("([A-Za-z]{3})\\s+(\\d{1,2}):(\\d{2})(?:\\s+(\\S+))?");

    public static WeeklySchedule parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalStateException("SETTLE_PAYOUT_SCHEDULE must look like 'MON 09:00 UTC', not '" + text + "'");
        }
        String abbreviation = m.group(1).toUpperCase(Locale.ROOT);
        DayOfWeek day = Arrays.stream(DayOfWeek.values())
                .filter(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT)
                        .equals(abbreviation))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("SETTLE_PAYOUT_SCHEDULE: unknown day " + m.group(1)));
        LocalTime time = LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        ZoneId zone = ZoneId.of(m.group(4) == null ? "UTC" : m.group(4));
        return new WeeklySchedule(day, time, zone);
    }

    /** The db-scheduler schedule: a cron expression at that minute on that weekday, in that zone. */
    public Schedule toSchedule() {
        String cron = "0 " + time.getMinute() + " " + time.getHour() + " * * "
                + day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT);
        return new CronSchedule(cron, zone);
    }
}
