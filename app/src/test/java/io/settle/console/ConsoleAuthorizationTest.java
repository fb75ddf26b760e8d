package io.settle.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may use the operator console, over real HTTP without a browser: no cookie → the login page; a
 * non-ADMIN token → 403; POSTs need the CSRF token; the cookie works on /console only, never on the API or
 * the webhooks; the API's bearer header does not log in to the console.
 */
class ConsoleAuthorizationTest extends IntegrationTest {

    private ConsoleClient client;
    private Map<String, String> jar;

    @BeforeEach
    void client() {
        client = new ConsoleClient(port);
        jar = client.jar;
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return client.get(path, headers);
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        return client.post(path, form);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return client.send(request);
    }

    private String csrfFromLoginPage() {
        return client.csrfFromLoginPage();
    }

    private String cookies() {
        return client.cookies();
    }

    private URI uri(String path) {
        return client.uri(path);
    }

    @Test
    void without_a_cookie_every_page_redirects_to_the_login_page() {
        for (String page : List.of("/console", "/console/overview", "/console/disputes", "/console/payouts",
                "/console/webhooks", "/console/alerts", "/console/projections", "/console/mail", "/console/ledger",
                "/console/overview/chart?days=90", "/console/projections/table")) {
            HttpResponse<String> response = get(page, Map.of());
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(location(response)).as(page).hasValue("/console/login");
        }
        HttpResponse<String> htmx = get("/console/projections/table", Map.of("HX-Request", "true"));
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.headers().firstValue("HX-Redirect")).hasValue("/console/login");
    }

    @Test
    void the_login_page_is_public_and_sets_a_strict_csrf_cookie_for_the_console_only() {
        HttpResponse<String> login = get("/console/login", Map.of());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("ADMIN bearer token").contains("Dev login");
        String csrfCookie = setCookie(login, "settle_console_csrf");
        assertThat(csrfCookie).contains("Path=/console").contains("HttpOnly").contains("SameSite=Strict");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    void a_valid_admin_token_logs_in_with_an_http_only_strict_cookie_scoped_to_the_console() {
        String csrf = csrfFromLoginPage();
        String token = tokens.mint("console-admin-1", "ADMIN");

        HttpResponse<String> login = post("/console/login", Map.of("token", token, "_csrf", csrf));

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(location(login)).hasValue("/console/overview");
        String cookie = setCookie(login, "settle_console");
        assertThat(cookie).startsWith("settle_console=" + token).contains("Path=/console").contains("HttpOnly")
                .contains("SameSite=Strict").contains("Max-Age=");
        HttpResponse<String> overview = get("/console/overview", Map.of());
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("<h1>Overview</h1>").contains("console-admin-1");
        for (String title : List.of("Overview", "Disputes", "Payouts", "Webhooks", "Alerts", "Projections", "Ledger")) {
            assertThat(overview.body()).as("nav entry " + title).contains(">" + title + "</a>");
        }
        assertThat(location(get("/console", Map.of()))).hasValue("/console/overview");
    }

    @Test
    void the_dev_login_mints_an_admin_token_in_the_embedded_default() {
        String csrf = csrfFromLoginPage();

        HttpResponse<String> login = post("/console/dev-login", Map.of("_csrf", csrf));

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(setCookie(login, "settle_console")).contains("HttpOnly").contains("SameSite=Strict");
        HttpResponse<String> overview = get("/console/overview", Map.of());
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("console_admin");
    }

    @Test
    void a_token_without_the_admin_role_gets_a_403_page_and_is_not_kept() {
        String csrf = csrfFromLoginPage();
        for (String role : List.of("CUSTOMER", "PROVIDER", "ANALYST")) {
            HttpResponse<String> login = post("/console/login",
                    Map.of("token", tokens.mint("console-" + role, role), "_csrf", csrf));
            assertThat(login.statusCode()).as(role).isEqualTo(403);
            assertThat(login.body()).contains("does not carry the ADMIN role");
            assertThat(login.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("settle_console="));

            jar.put("settle_console", tokens.mint("console-" + role, role));
            HttpResponse<String> page = get("/console/disputes", Map.of());
            assertThat(page.statusCode()).as(role).isEqualTo(403);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains("403").contains("ADMIN role");
            jar.remove("settle_console");
        }
    }

    @Test
    void an_invalid_or_expired_cookie_is_cleared_and_the_login_page_shown() {
        jar.put("settle_console", "not-a-jwt");

        HttpResponse<String> response = get("/console/overview", Map.of());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).hasValue("/console/login");
        assertThat(setCookie(response, "settle_console")).contains("Max-Age=0");
        // the login page itself ignores the stale cookie instead of redirecting to itself
        assertThat(get("/console/login", Map.of()).statusCode()).isEqualTo(200);

        HttpResponse<String> badLogin = post("/console/login", Map.of("token", "garbage", "_csrf", csrfFromLoginPage()));
        assertThat(badLogin.statusCode()).isEqualTo(401);
        assertThat(badLogin.body()).contains("not valid here");
    }

    @Test
    void console_posts_need_the_csrf_token() {
        jar.put("settle_console", tokens.mint("console-admin-2", "ADMIN"));

        HttpResponse<String> noToken = post("/console/projections/no-such-projection/replay", Map.of());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("security token");
        HttpResponse<String> wrongToken = post("/console/projections/no-such-projection/replay",
                Map.of("_csrf", "forged"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        HttpResponse<String> loginWithoutToken = post("/console/login",
                Map.of("token", tokens.mint("console-admin-2", "ADMIN")));
        assertThat(loginWithoutToken.statusCode()).isEqualTo(403);

        String csrf = csrfFromLoginPage();
        HttpResponse<String> withToken = post("/console/projections/no-such-projection/replay", Map.of("_csrf", csrf));
        // it got through security: the replay itself is refused as the API would refuse it
        assertThat(withToken.statusCode()).isEqualTo(404);
        assertThat(withToken.body()).contains("NOT_FOUND").contains("no-such-projection");
    }

    @Test
    void the_csrf_token_is_renewed_on_login_and_then_stays_valid_across_pages_and_refreshes() {
        String beforeLogin = csrfFromLoginPage();
        HttpResponse<String> login = post("/console/login",
                Map.of("token", tokens.mint("console-admin-4", "ADMIN"), "_csrf", beforeLogin));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(setCookie(login, "settle_console_csrf")).contains("Max-Age=0");

        String afterLogin = client.csrfFrom("/console/overview");
        String cookie = jar.get("settle_console_csrf");
        assertThat(cookie).isNotNull();
        for (String page : List.of("/console/projections", "/console/projections/table", "/console/disputes",
                "/console/overview")) {
            HttpResponse<String> response = get(page, Map.of());
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().allValues("Set-Cookie")).as(page).isEmpty();
        }
        assertThat(jar.get("settle_console_csrf")).isEqualTo(cookie);

        assertThat(post("/console/projections/no-such-projection/replay", Map.of("_csrf", beforeLogin)).statusCode())
                .as("a token from before the login").isEqualTo(403);
        assertThat(post("/console/projections/no-such-projection/replay", Map.of("_csrf", afterLogin)).statusCode())
                .as("the token of an earlier page, e.g. another tab").isEqualTo(404);
    }

    @Test
    void the_cookie_is_accepted_on_the_console_only_and_the_bearer_header_does_not_log_in_to_the_console() {
        String admin = tokens.mint("console-admin-3", "ADMIN");
        jar.put("settle_console", admin);

        HttpResponse<String> api = get("/api/v1/admin/ledger/check", Map.of());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("UNAUTHORIZED");
        HttpResponse<String> webhook = send(HttpRequest.newBuilder(uri("/webhooks/stripe"))
                .header("Content-Type", "application/json").header("Cookie", cookies())
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"evt_console\"}")));
        assertThat(webhook.statusCode()).isEqualTo(400);
        assertThat(webhook.body()).contains("INVALID_SIGNATURE");

        jar.clear();
        HttpResponse<String> bearer = get("/console/overview", Map.of("Authorization", "Bearer " + admin));
        assertThat(bearer.statusCode()).isEqualTo(302);
        assertThat(location(bearer)).hasValue("/console/login");
    }

    @Test
    void htmx_and_chart_js_are_served_from_webjars_without_login() {
        HttpResponse<String> htmx = get("/webjars/htmx.org/dist/htmx.min.js", Map.of());
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        HttpResponse<String> chart = get("/webjars/chart.js/dist/chart.umd.js", Map.of());
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart.js");
        assertThat(get("/console/assets/console.js", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/console/assets/console.css", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void the_console_is_not_part_of_the_api_document() {
        assertThat(get("/v3/api-docs", Map.of()).body()).doesNotContain("/console");
    }

    /** The redirect's target path, whether the server sent it absolute or not. */
    private static java.util.Optional<String> location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").map(URI::create).map(URI::getPath);
    }

    private static String setCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no Set-Cookie " + name + ": " + response.headers()));
    }
}
