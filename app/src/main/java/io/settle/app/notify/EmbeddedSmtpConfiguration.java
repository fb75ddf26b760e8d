package io.settle.app.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.settle.app.config.RunModeDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default's mail catcher: an in-process SMTP server (GreenMail) on localhost that accepts every
 * message and keeps none ({@link DiscardingMailDelivery}). Each mail is also logged, and
 * {@code GET /api/v1/admin/mail} lists the outbox. Off as soon as {@code SETTLE_SMTP_HOST} names a real server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${" + RunModeDetector.EMBEDDED + ":false} and '${settle.mail.smtp.host:}' == ''")
class EmbeddedSmtpConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSmtpConfiguration.class);

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail embeddedSmtpServer(@Value("${settle.mail.embedded-smtp.port:3025}") int port) {
        log.info("Embedded SMTP server (GreenMail) catching mail on localhost:{}", port);
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.getUserManager().setMessageDeliveryHandler(new DiscardingMailDelivery());
        return server;
    }
}
