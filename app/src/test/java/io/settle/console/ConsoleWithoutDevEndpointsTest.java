package io.settle.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Outside the embedded default the console has no dev login: only a pasted ADMIN token logs in. */
@TestPropertySource(properties = "settle.dev.enabled=false") // the same context as DevEndpointsDisabledTest
class ConsoleWithoutDevEndpointsTest extends IntegrationTest {

    @Test
    void there_is_no_dev_login_and_a_pasted_admin_token_still_works() {
        ConsoleClient client = new ConsoleClient(port);
        String csrf = client.csrfFromLoginPage();
        assertThat(client.get("/console/login", Map.of()).body()).doesNotContain("Dev login");

        assertThat(client.post("/console/dev-login", Map.of("_csrf", csrf)).statusCode()).isEqualTo(404);
        assertThat(client.jar).doesNotContainKey("settle_console");

        HttpResponse<String> login = client.post("/console/login",
                Map.of("token", tokens.mint("ops-admin", "ADMIN"), "_csrf", csrf));
        assertThat(login.statusCode()).isEqualTo(302);
        HttpResponse<String> overview = client.get("/console/overview", Map.of());
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("ops-admin");
    }
}
