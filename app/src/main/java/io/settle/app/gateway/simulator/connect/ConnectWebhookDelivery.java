package io.settle.app.gateway.simulator.connect;

import io.settle.app.gateway.simulator.SimulatorEvent;
import io.settle.app.gateway.simulator.SimulatorEventSink;
import io.settle.app.gateway.simulator.SimulatorWebhookDelivery;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Delivers the simulator's Connect events to {@code /webhooks/stripe/connect}, signed with the Connect
 * endpoint's own secret, with the same at-least-once retries as the account endpoint's delivery. Kept out
 * of the context as a {@link SimulatorWebhookDelivery} bean so the account one stays the only such bean.
 */
public class ConnectWebhookDelivery implements SimulatorEventSink, ApplicationListener<WebServerInitializedEvent>,
        AutoCloseable {

    static final String PATH = "/webhooks/stripe/connect";

    private final SimulatorWebhookDelivery delivery;
    private final boolean configured;
    private final String contextPath;

    ConnectWebhookDelivery(SimulatorWebhookDelivery delivery, boolean configured, String contextPath) {
        this.delivery = delivery;
        this.configured = configured;
        this.contextPath = contextPath == null ? "" : contextPath;
    }

    /** {@code settle.simulator.webhook-url} names the account endpoint; Connect events go to its /connect. */
    static URI connectUri(String accountEndpointUrl) {
        String base = accountEndpointUrl.strip().replaceAll("/+$", "");
        return URI.create(base.endsWith("/webhooks/stripe") ? base + "/connect" : base + PATH);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (configured || event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        delivery.setEndpoint(URI.create("http://localhost:" + event.getWebServer().getPort() + contextPath + PATH));
    }

    @Override
    public void publish(SimulatorEvent event) {
        delivery.publish(event);
    }

    public void awaitIdle(Duration timeout) {
        delivery.awaitIdle(timeout);
    }

    public SimulatorWebhookDelivery delivery() {
        return delivery;
    }

    @Override
    public void close() {
        delivery.close();
    }
}
