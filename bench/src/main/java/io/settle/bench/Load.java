package io.settle.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The database ceiling's load (JDBC, not HTTP, so not a Gatling simulation): a fixed number of clients,
 * each starting its next transaction when the previous one commits, latencies from {@code System.nanoTime}
 * into HdrHistograms (microseconds, 3 significant digits). A warm-up runs first and is not recorded.
 */
final class Load {

    /** One request; true when it succeeded. {@code client} is 0..clients-1, {@code n} counts per phase. */
    @FunctionalInterface
    interface Op {
        boolean call(int client, long n) throws Exception;
    }

    record Result(String name, int clients, long ok, long errors, double seconds, Histogram latencyMicros) {
        double perSecond() {
            return ok / seconds;
        }

        double p(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN
                    : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMillis() {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
        }
    }

    private Load() {
    }

    static Histogram histogram() {
        return new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
    }

    static Result closed(String name, int clients, Duration warmup, Duration measure, Op op)
            throws InterruptedException {
        long start = System.nanoTime();
        long recordFrom = start + warmup.toNanos();
        long stop = recordFrom + measure.toNanos();
        AtomicLong sequence = new AtomicLong();
        Histogram[] histograms = new Histogram[clients];
        long[] ok = new long[clients];
        long[] errors = new long[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            histograms[c] = histogram();
            Thread thread = new Thread(() -> {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= stop) {
                        return;
                    }
                    boolean success;
                    try {
                        success = op.call(client, sequence.getAndIncrement());
                    } catch (Exception e) {
                        success = false;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= recordFrom && t1 <= stop) {
                        if (success) {
                            ok[client]++;
                            histograms[client].recordValue(Math.max(1, (t1 - t0) / 1000));
                        } else {
                            errors[client]++;
                        }
                    }
                }
            }, name + "-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram all = histogram();
        long okTotal = 0;
        long errorTotal = 0;
        for (int c = 0; c < clients; c++) {
            all.add(histograms[c]);
            okTotal += ok[c];
            errorTotal += errors[c];
        }
        return new Result(name, clients, okTotal, errorTotal, measure.toNanos() / 1e9, all);
    }
}
