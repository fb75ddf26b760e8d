package io.settle.app.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sends due outbox rows over SMTP, a batch per connection. Each row carries a Message-ID derived from its
 * outbox id, so if a crash falls between the SMTP server's acceptance and the SENT marks, the messages of that
 * batch sent again have the same Message-IDs and receiving systems can drop the duplicates. That window is
 * the only way a mail goes out twice.
 */
@Component
public class OutboxMailSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxMailSender.class);

    private final NotificationOutbox outbox;
    private final Recipients recipients;
    /**
     * One batch per pass capped the outbox at a batch per send interval (20 every 2 s: 10 mails a second,
     * five bookings): by the end of a quick bench run it had sent 460 of about 9,000 mails.
     */
    static final int MAX_BATCHES_PER_PASS = 50;

    private final MailSettings settings;
    private final Clock clock;
    private final Duration claimTimeout;
    private final String messageIdDomain;
    private final boolean logMail;
    private final JavaMailSenderImpl smtp;
    private volatile boolean warnedUnconfigured;

    public OutboxMailSender(NotificationOutbox outbox, Recipients recipients, MailSettings settings, Clock clock,
                            @Value("${settle.mail.claim-timeout:PT5M}") Duration claimTimeout,
                            @Value("${settle.mail.message-id-domain:settle.local}") String messageIdDomain,
                            @Value("${settle.database.embedded:false}") boolean embedded) {
        this.outbox = outbox;
        this.recipients = recipients;
        this.settings = settings;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
        this.messageIdDomain = messageIdDomain;
        this.logMail = embedded;
        this.smtp = settings.smtpConfigured() ? smtp(settings) : null;
        nameTheStreamProvider();
    }

    /**
     * Jakarta Mail looks its {@link StreamProvider} up on every use (each body part built, encoded and written:
     * several times a mail), through {@code ServiceLoader}, which reads the service files of every jar on the
     * class path: a quarter of the app's allocation under booking load (docs/benchmarks.md). Named in the system
     * property that Jakarta Mail reads first, it is instantiated directly. A value set by the operator stays.
     */
    static void nameTheStreamProvider() {
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        }
    }

    private static JavaMailSenderImpl smtp(MailSettings settings) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties props = sender.getJavaMailProperties();
        String timeout = Long.toString(settings.timeout().toMillis());
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        if (StringUtils.hasText(settings.username())) {
            sender.setUsername(settings.username());
            sender.setPassword(settings.password());
            props.put("mail.smtp.auth", "true");
        }
        if (settings.startTls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (settings.ssl()) {
            props.put("mail.smtp.ssl.enable", "true");
        }
        return sender;
    }

    /**
     * Sends what is due now, a batch at a time, until a batch comes back short or {@link #MAX_BATCHES_PER_PASS}
     * batches were sent (the pass holds one of the scheduler's threads, which the deadlines share).
     * @return how many rows were claimed
     */
    public int sendDue() {
        if (smtp == null) {
            if (!warnedUnconfigured) {
                warnedUnconfigured = true;
                log.warn("No SMTP server configured (SETTLE_SMTP_HOST): notifications stay PENDING in the outbox");
            }
            return 0;
        }
        int sent = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
            Instant now = clock.instant();
            List<NotificationOutbox.Claimed> claimed =
                    outbox.claimDue(now, now.minus(claimTimeout), settings.batchSize());
            send(claimed);
            sent += claimed.size();
            if (claimed.size() < settings.batchSize()) {
                break;
            }
        }
        return sent;
    }

    /** A claimed row ready to go: its address and its message. */
    private record Outgoing(NotificationOutbox.Claimed mail, String to, MimeMessage message) {
    }

    /**
     * Sends a batch over one SMTP connection (a connection per mail took about 48 ms against the embedded
     * server, mostly waiting for its greeting; one per batch about 3.5 ms a mail), then marks each row by
     * what the server said of its message.
     */
    private void send(List<NotificationOutbox.Claimed> claimed) {
        List<Outgoing> outgoing = new ArrayList<>(claimed.size());
        for (NotificationOutbox.Claimed mail : claimed) {
            String to = mail.email() != null ? mail.email() : addressNow(mail.recipient());
            if (to == null) {
                outbox.skip(mail, "no email address known for user " + mail.recipient(), clock.instant());
                continue;
            }
            try {
                outgoing.add(new Outgoing(mail, to, message(mail, to)));
            } catch (MessagingException e) {
                failOrRetry(mail, e, false);
            }
        }
        if (outgoing.isEmpty()) {
            return;
        }
        Map<Object, Exception> failed;
        try {
            smtp.send(outgoing.stream().map(Outgoing::message).toArray(MimeMessage[]::new));
            failed = Map.of();
        } catch (MailAuthenticationException e) {
            outgoing.forEach(each -> failOrRetry(each.mail(), e, true));
            return;
        } catch (MailSendException e) {
            // per message: a connection that failed lists every message not sent; a close that failed, none
            failed = e.getFailedMessages();
        } catch (MailException e) {
            outgoing.forEach(each -> failOrRetry(each.mail(), e, false));
            return;
        }
        for (Outgoing each : outgoing) {
            Exception error = failed.get(each.message());
            if (error == null) {
                sent(each);
            } else {
                failOrRetry(each.mail(), new MailSendException(error.getMessage(), error), permanent(error));
            }
        }
    }

    private void sent(Outgoing each) {
        NotificationOutbox.Claimed mail = each.mail();
        if (!outbox.markSent(mail, each.to(), clock.instant())) {
            log.warn("Mail #{} was sent but its claim was lost meanwhile", mail.id());
        }
        if (logMail) {
            log.info("Mail #{} sent to {}: {}", mail.id(), each.to(), mail.subject());
        }
    }

    private String addressNow(String recipient) {
        if (recipient.startsWith(Recipients.ADMIN + ":")) {
            return recipient.substring(Recipients.ADMIN.length() + 1);
        }
        return recipients.currentAddress(recipient);
    }

    private MimeMessage message(NotificationOutbox.Claimed mail, String to) throws MessagingException {
        String messageId = "<notification-" + mail.id() + "@" + messageIdDomain + ">";
        // the sender's one Session and file type map: a new Session per mail scanned the class path for
        // providers, and a plain MimeMessage made the helper load a file type map per mail
        MimeMessage message = smtp.createMimeMessage();
        // JavaMailSenderImpl keeps a Message-ID set before sending (it restores it after saveChanges)
        message.setHeader("Message-ID", messageId);
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(settings.from());
        helper.setTo(to);
        helper.setSubject(mail.subject());
        helper.setText(mail.textBody(), mail.htmlBody());
        message.setHeader("X-Settle-Notification-Id", Long.toString(mail.id()));
        return message;
    }

    /** A recipient the server refuses outright (5xx) will not be accepted later either. */
    private static boolean permanent(Exception e) {
        return e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                && failed.getInvalidAddresses().length > 0;
    }

    private void failOrRetry(NotificationOutbox.Claimed mail, Exception e, boolean permanent) {
        String error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        Instant now = clock.instant();
        if (permanent || mail.attempts() >= settings.maxAttempts()) {
            log.warn("Mail #{} failed for good after {} attempt(s): {}", mail.id(), mail.attempts(), error);
            outbox.fail(mail, error, now);
        } else {
            Duration delay = settings.delayAfter(mail.attempts());
            log.info("Mail #{} failed on attempt {} ({}); retrying in {}", mail.id(), mail.attempts(), error, delay);
            outbox.retryAt(mail, now.plus(delay), error);
        }
    }
}
