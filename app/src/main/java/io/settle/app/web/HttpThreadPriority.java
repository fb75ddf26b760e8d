package io.settle.app.web;

import org.apache.coyote.AbstractProtocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives Tomcat's request threads the Java priority {@code SETTLE_HTTP_THREAD_PRIORITY} (1–10, default 5, normal).
 *
 * <p>Under overload the request threads outnumber the event processors, so each processor (the escrow saga,
 * the projections) gets a thin share of the CPU and falls behind by seconds. Below normal, and with the JVM
 * started with {@code -XX:ThreadPriorityPolicy=1} (Linux maps Java priorities to nice values only then), the
 * request threads yield to the processors: requests slow down and the read side stays fresher (docs/operations.md,
 * "Under overload", with measurements). Without that JVM option only the Java priority changes, which Linux
 * ignores.
 */
@Component
public class HttpThreadPriority implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int priority;

    public HttpThreadPriority(@Value("${settle.http.thread-priority:5}") int priority) {
        if (priority < Thread.MIN_PRIORITY || priority > Thread.MAX_PRIORITY) {
            throw new IllegalArgumentException("SETTLE_HTTP_THREAD_PRIORITY must be a Java thread priority from "
                    + Thread.MIN_PRIORITY + " to " + Thread.MAX_PRIORITY + ", not " + priority);
        }
        this.priority = priority;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (priority == Thread.NORM_PRIORITY) {
            return;
        }
        factory.addProtocolHandlerCustomizers(handler -> {
            if (handler instanceof AbstractProtocol<?> protocol) {
                protocol.setThreadPriority(priority);
            }
        });
    }
}
