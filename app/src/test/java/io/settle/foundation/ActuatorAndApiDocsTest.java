package io.settle.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

class ActuatorAndApiDocsTest extends IntegrationTest {

    @Test
    void healthIsUpWithDatabaseAndEventStoreComponents() {
        Api.Response health = api().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/eventStore/status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusScrapeIsPublicAndHasJvmMetrics() {
        Api.Response metrics = api().get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void openApiDocumentIsServed() {
        Api.Response docs = api().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("openapi").asText()).startsWith("3.");
        assertThat(docs.json().path("paths").has("/api/v1/dev/tokens")).isTrue();
    }

    @Test
    void swaggerUiIsReachable() {
        Api.Response ui = api().get("/swagger-ui.html");

        assertThat(ui.status()).isBetween(200, 399);
        if (ui.status() >= 300) {
            String location = ui.header("Location");
            assertThat(location).isNotNull();
            Api.Response page = api().get(location.replaceFirst("^https?://[^/]+", ""));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("swagger");
        }
    }
}
