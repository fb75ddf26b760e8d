package io.settle.app.notify;

import io.settle.app.config.BackgroundThreads;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The thread that sends mail, at Java priority {@code SETTLE_MAIL_THREAD_PRIORITY} (1–10, default 5). A pass
 * drains the outbox, and in the embedded default the SMTP server parses each message in this JVM; below
 * normal, with the JVM started with {@code -XX:ThreadPriorityPolicy=1}, that work yields to the event
 * processors under overload as the request threads do (docs/operations.md, "Under overload").
 */
@Component
class MailThread implements DisposableBean {

    private final ScheduledThreadPoolExecutor thread;

    MailThread(@Value("${settle.mail.thread-priority:5}") int priority) {
        this.thread = BackgroundThreads.singleDaemon("mail-sender", priority);
    }

    /** Runs {@code pass} on the mail thread and waits for it, so the scheduler's task ends when the pass does. */
    void run(Runnable pass) {
        try {
            thread.submit(pass).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the mail thread sent the outbox", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending the outbox failed", e.getCause());
        }
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
