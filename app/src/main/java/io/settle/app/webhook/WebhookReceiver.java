package io.settle.app.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.stereotype.Service;

/** Verifies, parses and stores one delivery; processing happens afterwards, asynchronously. */
@Service
public class WebhookReceiver {

    /** What Stripe gets back: any 2xx stops its retries. */
    public record Ack(boolean received, Boolean duplicate) {
        static Ack stored() {
            return new Ack(true, null);
        }

        static Ack duplicateDelivery() {
            return new Ack(true, true);
        }
    }

    private final StripeSignatureVerifier verifier;
    private final StripeEventParser parser;
    private final WebhookInbox inbox;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    public WebhookReceiver(StripeSignatureVerifier verifier, StripeEventParser parser, WebhookInbox inbox,
                           WebhookDispatcher dispatcher, Clock clock) {
        this.verifier = verifier;
        this.parser = parser;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public Ack receive(WebhookEndpoint endpoint, byte[] body, String signatureHeader) {
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        // the signature first: nothing about an unauthenticated body is worth parsing or answering
        verifier.verify(endpoint, payload, signatureHeader);
        StripeEventEnvelope event = parser.parse(payload);
        if (!inbox.store(endpoint, event, payload, clock.instant())) {
            return Ack.duplicateDelivery();
        }
        dispatcher.dispatchAfterCommit(event.id());
        return Ack.stored();
    }
}
