package io.settle.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

class RequestIdTest extends IntegrationTest {

    @Test
    void givenRequestIdIsEchoed() {
        Api.Response response = as("u-rid", "CUSTOMER").header("X-Request-Id", "req-echo-1").get("/api/v1/test/me");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo("req-echo-1");
    }

    @Test
    void requestIdIsEchoedOnErrorsToo() {
        Api.Response response = api().header("X-Request-Id", "req-echo-401").get("/api/v1/test/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("X-Request-Id")).isEqualTo("req-echo-401");
    }

    @Test
    void missingRequestIdIsGeneratedFreshEachTime() {
        String first = api().get("/actuator/health").header("X-Request-Id");
        String second = api().get("/actuator/health").header("X-Request-Id");

        assertThat(first).matches("[0-9a-f-]{36}");
        assertThat(second).matches("[0-9a-f-]{36}").isNotEqualTo(first);
    }

    @Test
    void unsafeRequestIdIsReplaced() {
        String injected = api().header("X-Request-Id", "a b<script>").get("/actuator/health").header("X-Request-Id");

        assertThat(injected).matches("[0-9a-f-]{36}");
    }
}
