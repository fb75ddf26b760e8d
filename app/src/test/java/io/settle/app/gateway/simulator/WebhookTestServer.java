package io.settle.app.gateway.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server standing in for our webhook endpoint: records requests, answers queued statuses. */
final class WebhookTestServer implements AutoCloseable {

    record Received(String body, String signature, String contentType) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile int defaultStatus = 200;

    WebhookTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/webhooks/stripe", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new Received(new String(body.readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Stripe-Signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type")));
            }
            Integer queued = statuses.poll();
            exchange.sendResponseHeaders(queued != null ? queued : defaultStatus, -1);
            exchange.close();
        });
        server.start();
    }

    URI webhookUri() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/webhooks/stripe");
    }

    /** The next requests are answered with these statuses, then {@link #answerAlways}'s. */
    void answerNext(Integer... statuses) {
        this.statuses.addAll(List.of(statuses));
    }

    void answerAlways(int status) {
        defaultStatus = status;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
