package io.settle.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.net.Webhook;
import io.settle.app.gateway.StripeSettings;
import io.settle.app.web.ApiException;
import io.settle.testsupport.StripeSignature;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String PAYMENTS_SECRET = "whsec_payments_0123456789";
    private static final String CONNECT_SECRET = "whsec_connect_9876543210";
    private static final String PAYLOAD = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"account.updated\"}";

    private final StripeSignatureVerifier verifier = new StripeSignatureVerifier(
            new StripeSettings("simulator", "", "", PAYMENTS_SECRET, CONNECT_SECRET, "https://api.stripe.com"));

    @Test
    void theTestHelperSignsExactlyAsStripeJavaDoes() throws Exception {
        Instant at = Instant.ofEpochSecond(1_763_700_000L);
        assertThat(StripeSignature.header(PAYLOAD, PAYMENTS_SECRET, at))
                .isEqualTo(Webhook.Signature.generateSignatureHeader(PAYLOAD, PAYMENTS_SECRET, at.getEpochSecond()));
    }

    @Test
    void eachEndpointAcceptsOnlyItsOwnSecret() {
        String signedForConnect = StripeSignature.header(PAYLOAD, CONNECT_SECRET);
        String signedForPayments = StripeSignature.header(PAYLOAD, PAYMENTS_SECRET);

        assertThatCode(() -> verifier.verify(WebhookEndpoint.CONNECT, PAYLOAD, signedForConnect)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(WebhookEndpoint.PAYMENTS, PAYLOAD, signedForPayments)).doesNotThrowAnyException();
        assertInvalid(() -> verifier.verify(WebhookEndpoint.PAYMENTS, PAYLOAD, signedForConnect));
        assertInvalid(() -> verifier.verify(WebhookEndpoint.CONNECT, PAYLOAD, signedForPayments));
    }

    @Test
    void theToleranceIsFiveMinutes() {
        Instant fourMinutesAgo = Instant.now().minusSeconds(240);
        Instant sixMinutesAgo = Instant.now().minusSeconds(360);

        assertThatCode(() -> verifier.verify(WebhookEndpoint.PAYMENTS, PAYLOAD,
                StripeSignature.header(PAYLOAD, PAYMENTS_SECRET, fourMinutesAgo))).doesNotThrowAnyException();
        assertInvalid(() -> verifier.verify(WebhookEndpoint.PAYMENTS, PAYLOAD,
                StripeSignature.header(PAYLOAD, PAYMENTS_SECRET, sixMinutesAgo)));
    }

    @Test
    void missingOrMalformedHeadersAreInvalidSignatures() {
        assertInvalid(() -> verifier.verify(WebhookEndpoint.PAYMENTS, PAYLOAD, null));
        assertInvalid(() -> verifier.verify(WebhookEndpoint.PAYMENTS, PAYLOAD, " "));
        assertInvalid(() -> verifier.verify(WebhookEndpoint.PAYMENTS, PAYLOAD, "t=abc,v1=00"));
        assertInvalid(() -> verifier.verify(WebhookEndpoint.PAYMENTS, PAYLOAD, "v1=00"));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("INVALID_SIGNATURE");
        });
    }
}
