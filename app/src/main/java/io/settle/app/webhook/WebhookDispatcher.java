package io.settle.app.webhook;

import io.settle.app.config.BackgroundThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands stored events to a small pool of workers right after they are committed, so processing starts at
 * once without delaying the 2xx to Stripe. Best effort by design: a hand-off lost to a crash or a full
 * queue is picked up by the sweeper, which is why this pool is private and bounded rather than the
 * application's shared task executor.
 */
@Component
public class WebhookDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookProcessor processor;
    private final ThreadPoolExecutor executor;

    public WebhookDispatcher(WebhookProcessor processor,
                             @Value("${settle.webhooks.workers:2}") int workers,
                             @Value("${settle.webhooks.queue-capacity:1000}") int queueCapacity) {
        this.processor = processor;
        this.executor = BackgroundThreads.startedNow(new ThreadPoolExecutor(workers, workers, 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), threads(),
                new ThreadPoolExecutor.AbortPolicy()));
    }

    /** Processes the event soon: after the current transaction commits, or now if there is none. */
    public void dispatchAfterCommit(String eventId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit(eventId);
                }
            });
        } else {
            submit(eventId);
        }
    }

    private void submit(String eventId) {
        try {
            executor.execute(() -> run(eventId));
        } catch (RejectedExecutionException e) {
            log.info("Webhook workers busy or stopping; the sweeper will process Stripe event {}", eventId);
        }
    }

    private void run(String eventId) {
        try {
            processor.process(eventId);
        } catch (RuntimeException e) {
            // e.g. the database is unreachable: the row stays due and the sweeper tries again
            log.warn("Could not process Stripe event {} now; the sweeper will retry: {}", eventId, e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            // unfinished claims go stale and are reclaimed by the sweeper of a running instance
            executor.shutdownNow();
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "stripe-webhook-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
