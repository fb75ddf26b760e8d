package io.settle.app.gateway.simulator;

import java.net.URI;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/** Points the simulator's deliveries at {@code http://localhost:<port>/webhooks/stripe} once the port is known. */
public class SimulatorWebhookTarget implements ApplicationListener<WebServerInitializedEvent> {

    static final String WEBHOOK_PATH = "/webhooks/stripe";

    private final SimulatorWebhookDelivery delivery;
    private final boolean configured;
    private final String contextPath;

    /** @param configured true when settle.simulator.webhook-url is set: the port is then irrelevant */
    SimulatorWebhookTarget(SimulatorWebhookDelivery delivery, boolean configured, String contextPath) {
        this.delivery = delivery;
        this.configured = configured;
        this.contextPath = contextPath == null ? "" : contextPath;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // a separate management server has its own namespace; webhooks go to the main one
        if (configured || event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        delivery.setEndpoint(URI.create("http://localhost:" + event.getWebServer().getPort() + contextPath
                + WEBHOOK_PATH));
    }

    /** A configured URL is used as given; a bare base URL (no path) gets {@code /webhooks/stripe} appended. */
    static URI webhookUri(String url) {
        URI uri = URI.create(url.strip());
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return URI.create(url.strip().replaceAll("/+$", "") + WEBHOOK_PATH);
        }
        return uri;
    }
}
