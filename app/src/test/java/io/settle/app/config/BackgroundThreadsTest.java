package io.settle.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.settle.app.webhook.WebhookDispatcher;
import io.settle.app.webhook.WebhookProcessor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pool's threads keep the priority of the thread that built it, not of a low-priority request thread that
 * happens to submit its first task (docs/operations.md, "Under overload").
 */
class BackgroundThreadsTest {

    @Test
    void aPoolStartedNowRunsTasksAtItsBuildersPriorityWhoeverSubmits() throws Exception {
        ThreadPoolExecutor pool = BackgroundThreads.startedNow(singleThreadPool());
        try {
            assertThat(priorityOfTaskSubmittedAtPriority(1, pool::execute)).isEqualTo(Thread.NORM_PRIORITY);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSingleDaemonIsRunningBeforeItsFirstTaskAndKeepsNormalPriority() throws Exception {
        ScheduledThreadPoolExecutor pool = BackgroundThreads.singleDaemon("test-daemon");
        try {
            assertThat(pool.getPoolSize()).isEqualTo(1);
            CompletableFuture<Thread> worker = new CompletableFuture<>();
            Thread submitting = new Thread(() -> pool.execute(() -> worker.complete(Thread.currentThread())));
            submitting.setPriority(Thread.MIN_PRIORITY);
            submitting.start();
            submitting.join();
            Thread thread = worker.get(10, TimeUnit.SECONDS);
            assertThat(thread.getName()).isEqualTo("test-daemon");
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getPriority()).isEqualTo(Thread.NORM_PRIORITY);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What startedNow prevents: the first submitter's priority is inherited by the pool's thread for good. */
    @Test
    void aLazyPoolTakesTheFirstSubmittersPriority() throws Exception {
        ThreadPoolExecutor pool = singleThreadPool();
        try {
            assertThat(priorityOfTaskSubmittedAtPriority(1, pool::execute)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stripeWebhookWorkersRunAtNormalPriorityWhenALowPriorityRequestHandsThemAnEvent() throws Exception {
        WebhookProcessor processor = mock(WebhookProcessor.class);
        CompletableFuture<Integer> workerPriority = new CompletableFuture<>();
        doAnswer(call -> workerPriority.complete(Thread.currentThread().getPriority())).when(processor)
                .process(anyString());
        WebhookDispatcher dispatcher = new WebhookDispatcher(processor, 2, 10);
        try {
            Thread request = new Thread(() -> dispatcher.dispatchAfterCommit("evt_1"));
            request.setPriority(Thread.MIN_PRIORITY);
            request.start();
            request.join();
            assertThat(workerPriority.get(10, TimeUnit.SECONDS)).isEqualTo(Thread.NORM_PRIORITY);
        } finally {
            dispatcher.destroy();
        }
    }

    /** With a factory like the app's ({@code new Thread(task, name)}): a thread inherits its creator's priority. */
    private static ThreadPoolExecutor singleThreadPool() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                (ThreadFactory) Thread::new);
    }

    private interface Submitter {
        void submit(Runnable task);
    }

    private static int priorityOfTaskSubmittedAtPriority(int priority, Submitter submitter) throws Exception {
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        Thread submitting = new Thread(
                () -> submitter.submit(() -> seen.complete(Thread.currentThread().getPriority())));
        submitting.setPriority(priority);
        submitting.start();
        submitting.join();
        return seen.get(10, TimeUnit.SECONDS);
    }
}
