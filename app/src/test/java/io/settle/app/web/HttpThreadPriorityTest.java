package io.settle.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

class HttpThreadPriorityTest {

    @Test
    void requestsRunOnThreadsOfTheConfiguredPriority() throws Exception {
        assertThat(priorityOfRequestThread(2)).isEqualTo("2");
    }

    @Test
    void normalPriorityLeavesTomcatAsItIs() throws Exception {
        assertThat(priorityOfRequestThread(Thread.NORM_PRIORITY)).isEqualTo(String.valueOf(Thread.NORM_PRIORITY));
    }

    @Test
    void aPriorityOutsideJavasRangeIsRefusedAtStart() {
        assertThatThrownBy(() -> new HttpThreadPriority(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SETTLE_HTTP_THREAD_PRIORITY must be a Java thread priority from 1 to 10, not 0");
        assertThatThrownBy(() -> new HttpThreadPriority(11)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Starts a bare Tomcat customised as the app's is, and answers one request with its thread's priority. */
    private static String priorityOfRequestThread(int configured) throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        new HttpThreadPriority(configured).customize(factory);
        WebServer server = factory.getWebServer(context -> context.addServlet("priority", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
                response.getWriter().print(Thread.currentThread().getPriority());
            }
        }).addMapping("/"));
        server.start();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } finally {
            server.stop();
        }
    }
}
