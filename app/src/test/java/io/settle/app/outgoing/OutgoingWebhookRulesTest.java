package io.settle.app.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.settle.app.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutgoingWebhookRulesTest {

    private final OutgoingWebhookSender sender = new OutgoingWebhookSender(null, Clock.systemUTC(), Duration.ofMinutes(1),
            Duration.ofHours(6), Duration.ofHours(72), Duration.ofSeconds(10), Duration.ofMinutes(5), 20);

    @Test
    void backoff_starts_at_a_minute_doubles_and_is_capped_at_six_hours() {
        assertThat(sender.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(sender.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(sender.delayAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(sender.delayAfter(9)).isEqualTo(Duration.ofMinutes(256));
        assertThat(sender.delayAfter(10)).isEqualTo(Duration.ofHours(6));
        assertThat(sender.delayAfter(100)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void a_receiver_that_is_always_down_is_tried_for_three_days_and_no_longer() {
        // the sender's rule: retry while the next attempt falls within 72 h of the first
        Duration elapsed = Duration.ZERO;
        int attempts = 1;
        while (true) {
            Duration next = elapsed.plus(sender.delayAfter(attempts));
            if (next.compareTo(Duration.ofHours(72)) > 0) {
                break;
            }
            elapsed = next;
            attempts++;
        }
        assertThat(elapsed).isBetween(Duration.ofHours(66), Duration.ofHours(72));
        assertThat(attempts).isBetween(18, 22);
    }

    @Test
    void signatures_follow_stripes_scheme() {
        // HMAC-SHA256("whsec_test", "1700000000.{}") computed independently (openssl dgst -sha256 -hmac)
        assertThat(WebhookSignatures.header("whsec_test", 1_700_000_000L, "{}"))
                .isEqualTo("t=1700000000,v1=" + WebhookSignatures.hmac("whsec_test", "1700000000.{}"));
        assertThat(WebhookSignatures.hmac("whsec_test", "1700000000.{}"))
                .isEqualTo(OPENSSL_HMAC);
        assertThat(WebhookSignatures.newSecret()).startsWith("whsec_").hasSizeGreaterThan(40)
                .isNotEqualTo(WebhookSignatures.newSecret());
    }

    static final String OPENSSL_HMAC = "35495024f4ef3f94e5a93e22221544c4b75e9a42300cd965ab81cb85cd994e91";

    @Test
    void urls_must_be_absolute_http_or_https_without_credentials() {
        assertThat(WebhookEndpointsController.validUrl(" https://app.example.com/hooks?x=1 "))
                .isEqualTo("https://app.example.com/hooks?x=1");
        assertThat(WebhookEndpointsController.validUrl("http://127.0.0.1:8080/h")).isEqualTo("http://127.0.0.1:8080/h");
        for (String bad : List.of("ftp://example.com/x", "javascript:alert(1)", "/relative", "example.com/x",
                "http://u:p@example.com/x", "https://example.com/x#frag", "http:///nohost", "ht tp://x")) {
            assertThatThrownBy(() -> WebhookEndpointsController.validUrl(bad)).as(bad).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void event_types_are_validated_by_wire_name_and_deduplicated() {
        assertThat(WebhookEndpointsController.validEvents(List.of("booking.paid", "payout.failed", "booking.paid")))
                .containsExactly("booking.paid", "payout.failed");
        assertThatThrownBy(() -> WebhookEndpointsController.validEvents(List.of("booking.paid", "BOOKING_PAID")))
                .isInstanceOf(ApiException.class).hasMessageContaining("BOOKING_PAID");
        assertThat(OutgoingEventType.values()).extracting(OutgoingEventType::wireName)
                .allMatch(name -> name.matches("(booking|payout|subscription)\\.[a-z_]+"));
    }

    @Test
    void a_failed_connection_is_described_by_its_cause() {
        assertThat(OutgoingWebhookSender.describe(new java.net.ConnectException()))
                .isEqualTo("ConnectException");
        assertThat(OutgoingWebhookSender.describe(new java.io.IOException(null, new RuntimeException("Connection refused"))))
                .isEqualTo("IOException: Connection refused");
    }
}
