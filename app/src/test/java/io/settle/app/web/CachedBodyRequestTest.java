package io.settle.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CachedBodyRequestTest {

    @Test
    void a_form_body_read_up_front_still_yields_its_parameters_after_the_query_strings() {
        MockHttpServletRequest raw = new MockHttpServletRequest("POST", "/console/login");
        raw.setContentType("application/x-www-form-urlencoded; charset=UTF-8");
        raw.addParameter("from", "query");
        byte[] body = "token=a%2Bb%3Dc&_csrf=xyz&from=body&empty=&flag".getBytes(StandardCharsets.UTF_8);

        CachedBodyRequest request = new CachedBodyRequest(raw, body);

        assertThat(request.getParameter("token")).isEqualTo("a+b=c");
        assertThat(request.getParameter("_csrf")).isEqualTo("xyz");
        assertThat(request.getParameterValues("from")).containsExactly("query", "body");
        assertThat(request.getParameter("empty")).isEmpty();
        assertThat(request.getParameter("flag")).isEmpty();
        assertThat(request.getParameter("missing")).isNull();
        assertThat(request.body()).isEqualTo(body);
    }

    @Test
    void a_json_body_adds_no_parameters() {
        MockHttpServletRequest raw = new MockHttpServletRequest("POST", "/api/v1/bookings");
        raw.setContentType("application/json");
        CachedBodyRequest request = new CachedBodyRequest(raw, "{\"a\":\"b=c\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(request.getParameterMap()).isEmpty();
    }
}
