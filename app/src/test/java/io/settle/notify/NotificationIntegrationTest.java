package io.settle.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.settle.app.gateway.simulator.connect.ConnectWebhookDelivery;
import io.settle.app.gateway.simulator.connect.SimulatedConnect;
import io.settle.app.notify.NotificationEventHandler;
import io.settle.app.outgoing.OutgoingWebhookHandler;
import io.settle.subscription.SubscriptionIntegrationTest;
import io.settle.testsupport.Api;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the notification tests: the whole application with a real SMTP server in-process (GreenMail) that
 * receives what Settle sends, fast mail and webhook retries, and the booking, payout and subscription flows.
 * Users whose tokens carry no email claim get the address pattern {@code <userId>@pattern.example.test}.
 */
@TestPropertySource(properties = {
        // bookings here pay 10 % like the booking tests (the subscription base sets the Free tier to 20 %)
        "settle.subscriptions.tiers.free.commission-bps=1000",
        "settle.mail.admin-to=ops@example.test",
        "settle.mail.address-pattern={userId}@pattern.example.test",
        "settle.mail.retry-base-delay=PT1S",
        "settle.mail.send-interval=PT0.5S",
        "settle.outgoing-webhooks.retry-base-delay=PT1S",
        "settle.outgoing-webhooks.send-interval=PT0.5S",
        "settle.outgoing-webhooks.timeout=PT3S"})
public abstract class NotificationIntegrationTest extends SubscriptionIntegrationTest {

    protected static final int SMTP_PORT = freePort();
    protected static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("settle.mail.smtp.host", () -> "127.0.0.1");
        registry.add("settle.mail.smtp.port", () -> SMTP_PORT);
    }

    @Autowired
    protected SimulatedConnect connect;
    @Autowired
    protected ConnectWebhookDelivery connectWebhooks;
    @Autowired
    protected JwtEncoder jwtEncoder;
    @Autowired
    protected EventProcessingConfiguration processing;
    @Autowired
    protected org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** The outbox writers start at the head of the stream: wait until they have taken their place there. */
    @BeforeEach
    void outboxWritersRunning() {
        if (!SMTP.isRunning()) {
            SMTP.start();
        }
        await().atMost(WAIT).until(() -> running(NotificationEventHandler.PROCESSING_GROUP)
                && running(OutgoingWebhookHandler.PROCESSING_GROUP));
    }

    private boolean running(String group) {
        return processing.eventProcessor(group, TrackingEventProcessor.class)
                .map(p -> p.isRunning() && !p.processingStatus().isEmpty()).orElse(false);
    }

    @AfterEach
    void clearConnectFaults() {
        connect.failNextPayouts(0);
        connectWebhooks.awaitIdle(WAIT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user whose token carries the OIDC claims email, locale and zoneinfo (any may be null). */
    protected Api withClaims(String userId, String email, String locale, String zone, String... roles) {
        java.time.Instant now = java.time.Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(userId).issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(1))).claim("roles", List.of(roles));
        if (email != null) {
            claims.claim("email", email);
        }
        if (locale != null) {
            claims.claim("locale", locale);
        }
        if (zone != null) {
            claims.claim("zoneinfo", zone);
        }
        String token = jwtEncoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                claims.build())).getTokenValue();
        return new Api("http://localhost:" + port, token);
    }

    protected static String patternAddress(String userId) {
        return userId + "@pattern.example.test";
    }

    // ---- received mail -------------------------------------------------------------------------------

    protected static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> to(m).contains(address)).toList();
    }

    /** Waits for exactly one mail to {@code address} whose subject starts with {@code subjectPrefix}. */
    protected static MimeMessage awaitMail(String address, String subjectPrefix) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> find(address, subjectPrefix).isPresent());
        List<MimeMessage> matching = mailTo(address).stream().filter(m -> subject(m).startsWith(subjectPrefix)).toList();
        assertThat(matching).as("mails to %s starting %s", address, subjectPrefix).hasSize(1);
        return matching.get(0);
    }

    protected static Optional<MimeMessage> find(String address, String subjectPrefix) {
        return mailTo(address).stream().filter(m -> subject(m).startsWith(subjectPrefix)).findFirst();
    }

    protected static String to(MimeMessage message) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients == null ? "" : Arrays.toString(recipients);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text part, no-break spaces (which number formats put next to currency symbols) as plain spaces. */
    protected static String text(MimeMessage message) {
        return plain(part(message, "text/plain"));
    }

    protected static String html(MimeMessage message) {
        return plain(part(message, "text/html"));
    }

    private static String plain(String s) {
        return s == null ? null : s.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String found = part(body, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- flows ---------------------------------------------------------------------------------------

    /** A provider with an enabled Connect account. */
    protected String onboardedProvider(Api provider) {
        Api.Response created = provider.post("/api/v1/connect/account", Map.of("country", "US",
                "email", "provider@example.com"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String accountId = created.json().path("accountId").asText();
        Api.Response done = api().post("/api/v1/dev/simulator/accounts/" + accountId + "/complete-onboarding");
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                "ENABLED".equals(provider.get("/api/v1/connect/account").json().path("status").asText()));
        return accountId;
    }

    /** A paid $30 card booking (10 % commission here) for a session in two days, so it stays held: its id. */
    protected String paidBooking(Api customer, Api provider) {
        String inTwoDays = java.time.Instant.now().plus(Duration.ofDays(2))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Api.Response booked = customer.post("/api/v1/bookings", Map.of("offeringId", offering(provider, 3000),
                "scheduledAt", inTwoDays, "paymentMethodId", "pm_card_visa"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().path("id").asText();
        awaitBooking(customer, id, "PAID");
        return id;
    }

    protected JsonNode awaitPayout(Api provider, String payoutId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode payout : provider.get("/api/v1/wallet/payouts").json().path("data")) {
                if (payoutId.equals(payout.path("id").asText())) {
                    last[0] = payout;
                    return status.equals(payout.path("status").asText());
                }
            }
            return false;
        });
        return last[0];
    }

    /** Outbox rows for one recipient key (user id or admin:address). */
    protected List<Map<String, Object>> outboxRows(String recipient) {
        return jdbc.queryForList("SELECT * FROM notification_outbox WHERE recipient = ? ORDER BY id", recipient);
    }
}
