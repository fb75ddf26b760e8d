package io.settle.app.notify;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Mail configuration ({@code SETTLE_SMTP_*}, {@code SETTLE_MAIL_*}). In the embedded default, without an
 * SMTP host, mail goes to the embedded SMTP server (GreenMail) and users without a known address get one
 * from a pattern, so every notification can be seen; elsewhere both must be configured.
 */
@Component
public class MailSettings {

    static final String EMBEDDED_ADDRESS_PATTERN = "{userId}@users.settle.local";
    static final String EMBEDDED_ADMIN_TO = "ops@settle.local";

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final boolean startTls;
    private final boolean ssl;
    private final String from;
    private final Duration timeout;
    private final String addressPattern;
    private final List<String> adminTo;
    private final Locale defaultLocale;
    private final ZoneId defaultZone;
    private final int maxAttempts;
    private final Duration retryBaseDelay;
    private final Duration retryMaxDelay;
    private final int batchSize;

    public MailSettings(@Value("${settle.mail.smtp.host:}") String host,
                        @Value("${settle.mail.smtp.port:587}") int port,
                        @Value("${settle.mail.smtp.username:}") String username,
                        @Value("${settle.mail.smtp.password:}") String password,
                        @Value("${settle.mail.smtp.starttls:false}") boolean startTls,
                        @Value("${settle.mail.smtp.ssl:false}") boolean ssl,
                        @Value("${settle.mail.smtp.from:Settle <no-reply@settle.local>}") String from,
                        @Value("${settle.mail.smtp.timeout:PT10S}") Duration timeout,
                        @Value("${settle.mail.embedded-smtp.port:3025}") int embeddedPort,
                        @Value("${settle.database.embedded:false}") boolean embedded,
                        @Value("${settle.mail.address-pattern:}") String addressPattern,
                        @Value("${settle.mail.admin-to:}") String adminTo,
                        @Value("${settle.mail.default-locale:en-US}") String defaultLocale,
                        @Value("${settle.mail.default-time-zone:UTC}") String defaultZone,
                        @Value("${settle.mail.max-attempts:8}") int maxAttempts,
                        @Value("${settle.mail.retry-base-delay:PT1M}") Duration retryBaseDelay,
                        @Value("${settle.mail.retry-max-delay:PT1H}") Duration retryMaxDelay,
                        @Value("${settle.mail.batch-size:20}") int batchSize) {
        boolean useEmbedded = embedded && !StringUtils.hasText(host);
        this.host = useEmbedded ? "localhost" : host.strip();
        this.port = useEmbedded ? embeddedPort : port;
        this.username = username;
        this.password = password;
        this.startTls = startTls;
        this.ssl = ssl;
        this.from = from;
        this.timeout = timeout;
        this.addressPattern = StringUtils.hasText(addressPattern) ? addressPattern.strip()
                : embedded ? EMBEDDED_ADDRESS_PATTERN : "";
        String admins = StringUtils.hasText(adminTo) ? adminTo : embedded ? EMBEDDED_ADMIN_TO : "";
        this.adminTo = Arrays.stream(admins.split(",")).map(String::strip).filter(StringUtils::hasText).toList();
        this.defaultLocale = Locale.forLanguageTag(defaultLocale);
        this.defaultZone = ZoneId.of(defaultZone);
        if (maxAttempts < 1) {
            throw new IllegalStateException("SETTLE_MAIL_MAX_ATTEMPTS must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.retryBaseDelay = retryBaseDelay;
        this.retryMaxDelay = retryMaxDelay;
        this.batchSize = batchSize;
    }

    /** False when no SMTP host is configured (outside the embedded default): mail stays PENDING. */
    public boolean smtpConfigured() {
        return StringUtils.hasText(host);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public boolean startTls() {
        return startTls;
    }

    public boolean ssl() {
        return ssl;
    }

    public String from() {
        return from;
    }

    public Duration timeout() {
        return timeout;
    }

    /** e.g. {@code {userId}@users.example.com}; empty: only addresses users' tokens carried are used. */
    public String addressPattern() {
        return addressPattern;
    }

    public List<String> adminTo() {
        return adminTo;
    }

    public Locale defaultLocale() {
        return defaultLocale;
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Wait after the {@code attempts}-th failed attempt: base, doubling, capped. */
    public Duration delayAfter(int attempts) {
        Duration delay = retryBaseDelay;
        for (int i = 1; i < attempts && delay.compareTo(retryMaxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryMaxDelay) > 0 ? retryMaxDelay : delay;
    }
}
