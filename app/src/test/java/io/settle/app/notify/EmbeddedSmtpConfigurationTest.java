package io.settle.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.util.TestSocketUtils;

class EmbeddedSmtpConfigurationTest {

    private final int port = TestSocketUtils.findAvailableTcpPort();
    private final GreenMail server = new EmbeddedSmtpConfiguration().embeddedSmtpServer(port);

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void acceptsEveryMessageAndKeepsNone() throws Exception {
        server.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);

        for (int i = 0; i < 3; i++) {
            MimeMessage mail = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mail, true, "UTF-8");
            helper.setFrom("settle@localhost");
            helper.setTo(new String[] {"customer-" + i + "@example.test", "provider@example.test"});
            helper.setSubject("Booking confirmed");
            helper.setText("Your booking is paid.", "<p>Your booking is paid.</p>");
            sender.send(mail);
        }

        DiscardingMailDelivery delivery =
                (DiscardingMailDelivery) server.getUserManager().getMessageDeliveryHandler();
        assertThat(delivery.discarded()).isEqualTo(6);
        assertThat(server.getReceivedMessages()).isEmpty();
        assertThat(server.getUserManager().listUser()).isEmpty();
    }
}
