package io.settle.app.config;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The app's own background pools (webhook workers, the Stripe simulator's sender, the snapshotter, command
 * retries) start their threads when they are built, at startup, instead of at their first task.
 *
 * <p>A thread takes its Java priority, and on Linux its nice value, from the thread that creates it. A pool
 * that creates its threads lazily gets them from whichever thread submits first, often a request thread; with
 * {@code SETTLE_HTTP_THREAD_PRIORITY} below normal (docs/operations.md, "Under overload") those workers would
 * then run at the request threads' low priority for good. Resetting the priority does not help, since an
 * unprivileged process may raise its nice value but not lower it again.
 */
public final class BackgroundThreads {

    private BackgroundThreads() {
    }

    /** One daemon thread named {@code name}, started now, that runs tasks in order, at once or scheduled. */
    public static ScheduledThreadPoolExecutor singleDaemon(String name) {
        return startedNow(new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Starts every core thread of {@code pool} now, on the calling thread, and returns the pool. */
    public static <P extends ThreadPoolExecutor> P startedNow(P pool) {
        pool.prestartAllCoreThreads();
        return pool;
    }
}
