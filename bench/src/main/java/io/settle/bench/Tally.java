package io.settle.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One request name's answers in a Gatling run: OK ones with the response time Gatling measured (whole
 * milliseconds, send to answer, its {@code responseTimeInMillis} check), and the KO ones (refused, timed out
 * or failing a check). Gatling 3.15 no longer writes its statistics as JSON, only into the HTML report, so the
 * simulations hand each answer's time to this tally; the HTML report stays beside it for a reader.
 */
final class Tally {

    private final Histogram millis = new ConcurrentHistogram(3_600_000L, 3);
    private final AtomicLong ko = new AtomicLong();
    private final AtomicLong firstOkNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastOkNanos = new AtomicLong(Long.MIN_VALUE);

    void ok(int responseTimeMillis) {
        long now = System.nanoTime();
        millis.recordValue(Math.max(0, responseTimeMillis));
        firstOkNanos.accumulateAndGet(now, Math::min);
        lastOkNanos.accumulateAndGet(now, Math::max);
    }

    void failed() {
        ko.incrementAndGet();
    }

    long ok() {
        return millis.getTotalCount();
    }

    long ko() {
        return ko.get();
    }

    double p(double percentile) {
        return ok() == 0 ? Double.NaN : millis.getValueAtPercentile(percentile);
    }

    double max() {
        return ok() == 0 ? Double.NaN : millis.getMaxValue();
    }

    /** OK answers a second over a closed phase's measured time. */
    double okPerSecond(Duration measured) {
        return ok() / (measured.toNanos() / 1e9);
    }

    /** OK answers a second between the first and the last of them (for open phases, which have no fixed end). */
    double okPerSecondOfAnswering() {
        long ok = ok();
        return ok < 2 ? Double.NaN : (ok - 1) / ((lastOkNanos.get() - firstOkNanos.get()) / 1e9);
    }
}
