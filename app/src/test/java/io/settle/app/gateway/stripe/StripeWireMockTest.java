package io.settle.app.gateway.stripe;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.settle.app.gateway.StripeSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock server standing in for api.stripe.com, and the adapter pointed at it through STRIPE_API_BASE. */
abstract class StripeWireMockTest {

    static final String SECRET_KEY = "sk_test_51SettleWireMockTestKey";

    WireMockServer stripe;
    StripePaymentGateway gateway;

    @BeforeEach
    void startStripe() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
        gateway = gatewayWithReadTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void stopStripe() {
        stripe.stop();
    }

    StripePaymentGateway gatewayWithReadTimeout(Duration readTimeout) {
        StripeSettings settings = new StripeSettings(StripeSettings.STRIPE, SECRET_KEY, "pk_test_51SettleWireMock",
                "whsec_wiremock", "", stripe.baseUrl());
        return new StripePaymentGateway(settings, Duration.ofSeconds(2), readTimeout);
    }

    /** The single request matching {@code pattern}; fails if there were none or several. */
    LoggedRequest onlyRequest(RequestPatternBuilder pattern) {
        List<LoggedRequest> requests = stripe.findAll(pattern);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** The request's application/x-www-form-urlencoded body as decoded name → value, in order. */
    static Map<String, String> form(LoggedRequest request) {
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> fields = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String previous = fields.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            assertThat(previous).as("field %s sent twice", pair).isNull();
        }
        return fields;
    }

    static void assertAuthenticated(LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
