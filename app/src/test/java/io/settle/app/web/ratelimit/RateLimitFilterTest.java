package io.settle.app.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.settle.app.web.ProblemWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class RateLimitFilterTest {

    private final RateLimitFilter filter = new RateLimitFilter(new ProblemWriter(new ObjectMapper()), 2, 1, 3);

    @AfterEach
    void clearUser() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_user_creating_payments_too_fast_gets_429_with_retry_after_while_others_go_ahead() throws Exception {
        assertThat(post("/api/v1/bookings", "alice", "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(post("/api/v1/credits/purchases", "alice", "10.0.0.1").getStatus()).isEqualTo(200);

        MockHttpServletResponse refused = post("/api/v1/bookings", "alice", "10.0.0.2");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(post("/api/v1/bookings", "bob", "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(get("/api/v1/bookings", "alice").getStatus()).isEqualTo(200);
        assertThat(post("/api/v1/offerings", "alice", "10.0.0.1").getStatus()).isEqualTo(200);
    }

    @Test
    void dev_tokens_and_webhooks_are_limited_per_client_address() throws Exception {
        assertThat(post("/api/v1/dev/tokens", null, "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(post("/api/v1/dev/tokens", null, "10.0.0.1").getStatus()).isEqualTo(429);
        assertThat(post("/api/v1/dev/tokens", null, "10.0.0.9").getStatus()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(post("/webhooks/stripe", null, "10.0.0.1").getStatus()).isEqualTo(200);
        }
        assertThat(post("/webhooks/stripe", null, "10.0.0.1").getStatus()).isEqualTo(429);
    }

    @Test
    void a_limit_of_zero_switches_limiting_off() throws Exception {
        RateLimitFilter unlimited = new RateLimitFilter(new ProblemWriter(new ObjectMapper()), 0, 0, 0);
        for (int i = 0; i < 100; i++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            unlimited.doFilter(request("POST", "/webhooks/stripe", "10.0.0.1"), response, new MockFilterChain());
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    private MockHttpServletResponse post(String path, String user, String address) throws Exception {
        return send(request("POST", path, address), user);
    }

    private MockHttpServletResponse get(String path, String user) throws Exception {
        return send(request("GET", path, "10.0.0.1"), user);
    }

    private MockHttpServletResponse send(MockHttpServletRequest request, String user) throws Exception {
        SecurityContextHolder.clearContext();
        if (user != null) {
            SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null, List.of()));
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static MockHttpServletRequest request(String method, String path, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        return request;
    }
}
