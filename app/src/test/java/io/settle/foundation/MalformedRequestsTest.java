package io.settle.foundation;

import static io.settle.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad input is the client's problem: a 4xx problem with a code, never a 500, never a stack trace. */
class MalformedRequestsTest extends IntegrationTest {

    private static final int LIMIT = 64 * 1024;

    @Test
    void malformedJsonIsAValidationError() {
        assertProblem(user().postRaw("/api/v1/test/counters", "application/json", "{\"name\": "), 400,
                "VALIDATION_ERROR");
    }

    @Test
    void wrongTypeNamesTheField() {
        Api.Response response = user().post("/api/v1/test/counters", """
                {"name":"c","step":"three"}""");

        assertProblem(response, 400, "VALIDATION_ERROR");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("step");
    }

    @Test
    void objectWhereAStringBelongsIsAValidationError() {
        Api.Response response = user().post("/api/v1/test/counters", """
                {"name":{"nested":true}}""");

        assertProblem(response, 400, "VALIDATION_ERROR");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("name");
    }

    @Test
    void unknownEnumValueIsAValidationError() {
        assertProblem(api().post("/api/v1/dev/tokens", """
                {"userId":"u1","roles":["CUSTOMER","OVERLORD"]}"""), 400, "VALIDATION_ERROR");
    }

    @Test
    void failedBeanValidationListsTheField() {
        Api.Response response = user().post("/api/v1/test/counters", """
                {"name":" "}""");

        assertProblem(response, 400, "VALIDATION_ERROR");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("name");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        assertProblem(user().postRaw("/api/v1/test/counters", "text/plain", "name=c"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void bodyOfExactly64KiBIsAccepted() {
        Api.Response response = user().postRaw("/api/v1/test/counters", "application/json", counterBodyOf(LIMIT));

        assertThat(response.status()).as(response.toString().substring(0, 80)).isEqualTo(201);
    }

    @Test
    void bodyOver64KiBWithContentLengthIsRejected() {
        assertProblem(user().postRaw("/api/v1/test/counters", "application/json", counterBodyOf(LIMIT + 1)), 413,
                "PAYLOAD_TOO_LARGE");
    }

    @Test
    void chunkedBodyOver64KiBIsRejected() throws Exception {
        // no Content-Length: the filter has to count the bytes itself
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/test/counters"))
                .header("Authorization", "Bearer " + tokens.mint("u-bad", "CUSTOMER"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofString(counterBodyOf(LIMIT + 1))))
                .build();
        HttpResponse<String> raw = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertProblem(new Api.Response(raw.statusCode(), raw), 413, "PAYLOAD_TOO_LARGE");
    }

    private Api user() {
        return as("u-bad", "CUSTOMER");
    }

    /** A valid counter request whose UTF-8 encoding is exactly {@code bytes} long. */
    private static String counterBodyOf(int bytes) {
        String prefix = "{\"name\":\"";
        String suffix = "\"}";
        String body = prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return body;
    }
}
