package io.settle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small JSON client over the JDK's HttpClient (HTTP/1.1, keep-alive connections pooled per client). */
final class Http {

    record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Response post(String path, String token, Object body) throws IOException, InterruptedException {
        return postRaw(path, token, body instanceof String s ? s : JSON.writeValueAsString(body), Map.of(),
                Duration.ofSeconds(60));
    }

    Response postRaw(String path, String token, String body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = response.body();
        JsonNode json = MissingNode.getInstance();
        if (body != null && body.length > 0) {
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = MissingNode.getInstance();
            }
        }
        return new Response(response.statusCode(), json);
    }

    String token(String userId, String... roles) throws IOException, InterruptedException {
        Response response = post("/api/v1/dev/tokens", null, Map.of("userId", userId, "roles", List.of(roles)));
        if (!response.ok()) {
            throw new IllegalStateException("dev token for " + userId + ": HTTP " + response.status() + " " + response.body());
        }
        return response.body().path("token").asText();
    }
}
