package io.settle.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MailSettingsTest {

    private static MailSettings settings(String host, boolean embedded, String pattern, String adminTo) {
        return new MailSettings(host, 587, "", "", false, false, "Settle <no-reply@settle.local>", Duration.ofSeconds(10),
                3025, embedded, pattern, adminTo, "en-US", "UTC", 8, Duration.ofMinutes(1), Duration.ofHours(1), 20);
    }

    @Test
    void the_embedded_default_sends_to_its_own_smtp_server_with_pattern_addresses_and_an_ops_inbox() {
        MailSettings embedded = settings("", true, "", "");
        assertThat(embedded.smtpConfigured()).isTrue();
        assertThat(embedded.host()).isEqualTo("localhost");
        assertThat(embedded.port()).isEqualTo(3025);
        assertThat(embedded.addressPattern()).isEqualTo("{userId}@users.settle.local");
        assertThat(embedded.adminTo()).containsExactly("ops@settle.local");
    }

    @Test
    void elsewhere_nothing_is_assumed() {
        MailSettings external = settings("", false, "", "");
        assertThat(external.smtpConfigured()).isFalse();
        assertThat(external.addressPattern()).isEmpty();
        assertThat(external.adminTo()).isEmpty();

        MailSettings configured = settings("smtp.example.com", true, "{userId}@u.example.com", "a@x.test, b@x.test");
        assertThat(configured.host()).isEqualTo("smtp.example.com");
        assertThat(configured.port()).isEqualTo(587);
        assertThat(configured.addressPattern()).isEqualTo("{userId}@u.example.com");
        assertThat(configured.adminTo()).containsExactly("a@x.test", "b@x.test");
    }

    @Test
    void retries_back_off_exponentially_up_to_an_hour() {
        MailSettings s = settings("smtp.example.com", false, "", "");
        assertThat(s.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.delayAfter(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(s.delayAfter(7)).isEqualTo(Duration.ofHours(1));
        assertThat(s.delayAfter(50)).isEqualTo(Duration.ofHours(1));
    }
}
