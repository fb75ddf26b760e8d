package io.settle.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Stop-the-world collections of the app (read from its GC log) and of the load driver's own JVM, so a phase's
 * latency can be set against the pauses inside it: a request that arrives during a pause waits it out on
 * either side.
 */
final class GcPauses {

    /** A line of {@code -Xlog:gc:file=…:timemillis}: {@code [1763859723456ms] GC(12) Pause Young (…) 9M->2M(30M) 4.123ms}. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\[(\\d+)ms\\] GC\\(\\d+\\) Pause .* (\\d+\\.\\d+)ms$");

    /** One pause: when it ended and how long it took. */
    record Pause(long endedAtMillis, double millis) {
    }

    /** The pauses that ended in a window: how many, their sum and the longest. */
    record Summary(int count, double totalMillis, double maxMillis) {
        static Summary of(List<Pause> pauses, Instant from, Instant to) {
            List<Pause> in = pauses.stream()
                    .filter(p -> p.endedAtMillis() >= from.toEpochMilli() && p.endedAtMillis() < to.toEpochMilli())
                    .toList();
            return new Summary(in.size(), in.stream().mapToDouble(Pause::millis).sum(),
                    in.stream().mapToDouble(Pause::millis).max().orElse(0));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d, %.0f ms in all, longest %.1f ms", count, totalMillis, maxMillis);
        }
    }

    private GcPauses() {
    }

    /** The JVM option that makes the app write the log {@link #fromLog} reads. */
    static String logOption(Path file) {
        return "-Xlog:gc:file=" + file.toAbsolutePath() + ":timemillis";
    }

    /** The pauses in a log written with {@link #logOption}; other lines (and a log not written yet) give none. */
    static List<Pause> fromLog(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (var lines = Files.lines(file)) {
            return lines.map(LOG_LINE::matcher).filter(Matcher::matches)
                    .map(m -> new Pause(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2))))
                    .toList();
        }
    }

    /**
     * Starts recording this JVM's collections (the load driver's). HotSpot reports each collection's duration
     * as a whole number of milliseconds, and for a concurrent collector the whole cycle rather than its pauses;
     * for the driver's default collector (G1) the young collections that dominate are pauses.
     */
    static List<Pause> recordThisJvm() {
        List<Pause> pauses = new CopyOnWriteArrayList<>();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        if (!info.getGcName().contains("Cycles")) { // ZGC/Shenandoah's concurrent cycles are not pauses
                            pauses.add(new Pause(jvmStart + info.getGcInfo().getEndTime(), info.getGcInfo().getDuration()));
                        }
                    }
                }, null, null);
            }
        }
        return pauses;
    }
}
