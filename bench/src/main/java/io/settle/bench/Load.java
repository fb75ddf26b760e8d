package io.settle.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Load phases whose latencies go into HdrHistograms (microseconds, 3 significant digits).
 * <ul>
 * <li>{@link #closed}: a fixed number of clients, each sending its next request when the previous one is
 * answered (throughput at a given concurrency). A warm-up runs first and is not recorded.</li>
 * <li>{@link #open}: requests started at a fixed rate whatever the answers; latency is counted from each
 * request's intended start, so a stalled server cannot hide its queue (no coordinated omission).</li>
 * </ul>
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

    static Result open(String name, double perSecond, Duration duration, int threads, Op op)
            throws InterruptedException {
        long intervalNanos = (long) (1e9 / perSecond);
        long total = (long) (perSecond * duration.toNanos() / 1e9);
        long start = System.nanoTime() + 50_000_000;
        AtomicLong next = new AtomicLong();
        Histogram[] histograms = new Histogram[threads];
        long[] ok = new long[threads];
        long[] errors = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            histograms[t] = histogram();
            Thread thread = new Thread(() -> {
                long n;
                while ((n = next.getAndIncrement()) < total) {
                    long intended = start + n * intervalNanos;
                    long wait;
                    while ((wait = intended - System.nanoTime()) > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    boolean success;
                    try {
                        success = op.call(worker, n);
                    } catch (Exception e) {
                        success = false;
                    }
                    if (success) {
                        ok[worker]++;
                        histograms[worker].recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
                    } else {
                        errors[worker]++;
                    }
                }
            }, name + "-" + t);
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = histogram();
        long okTotal = 0;
        long errorTotal = 0;
        for (int t = 0; t < threads; t++) {
            all.add(histograms[t]);
            okTotal += ok[t];
            errorTotal += errors[t];
        }
        return new Result(name, threads, okTotal, errorTotal, seconds, all);
    }
}
