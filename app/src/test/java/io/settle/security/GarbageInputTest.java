package io.settle.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Throws generated garbage (jqwik arbitraries) at every JSON endpoint the OpenAPI document lists, as a
 * user holding every role: never a 5xx, and a refused request changes nothing (no event, no catalog row).
 */
class GarbageInputTest extends IntegrationTest {

    static final int BODIES_PER_OPERATION = 25;
    private static final List<String> FIELDS = List.of("amount", "currency", "price", "offeringId", "scheduledAt",
            "paymentMethodId", "paymentSource", "paymentFlow", "notes", "reason", "title", "durationMinutes",
            "description", "outcome", "refundAmount", "userId", "roles", "planId", "interval", "country", "email");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void garbage_never_causes_a_5xx_and_a_refusal_changes_nothing() {
        List<ApiOperations.Operation> targets = ApiOperations.from(api()).all().stream()
                .filter(ApiOperations.Operation::hasJsonBody)
                .filter(o -> o.template().startsWith("/api/v1/") && !o.template().startsWith("/api/v1/test/"))
                .toList();
        Arbitrary<String> bodies = garbage();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (ApiOperations.Operation operation : targets) {
            Api user = as("garbage_" + Math.abs(operation.template().hashCode()), "CUSTOMER", "PROVIDER", "ADMIN", "ANALYST");
            for (String body : bodies.sampleStream().limit(BODIES_PER_OPERATION).toList()) {
                long before = state();
                Api.Response response = operation.method().equals("PUT")
                        ? user.put(operation.path(), body) : user.postRaw(operation.path(), "application/json", body);
                sent++;
                if (response.status() >= 500) {
                    failures.add(operation + " " + response.status() + " for " + abbreviate(body));
                } else if (response.status() >= 400 && state() != before) {
                    failures.add(operation + " refused with " + response.status() + " but changed state: "
                            + abbreviate(body));
                }
            }
        }
        System.out.printf("garbage input: %d bodies to %d operations%n", sent, targets.size());
        assertThat(targets).hasSizeGreaterThan(8);
        assertThat(failures).isEmpty();
    }

    private long state() {
        return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM domain_event_entry) + (SELECT COUNT(*) FROM offerings)",
                Long.class);
    }

    /** JSON-ish text: valid documents with odd values, wrong types, deep nesting, and plain junk. */
    static Arbitrary<String> garbage() {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(GarbageInputTest::quote),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(10_000).map(GarbageInputTest::quote),
                Arbitraries.of("\"<script>alert(1)</script>\"", "\"'; DROP TABLE bookings; --\"", "\"=HYPERLINK(1)\"",
                        "\"usd\"", "\"zzz\"", "\"pm_card_visa\"", "\"1999-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"",
                        "\"PT72H\"", "\"RELEASE\"", "\"\"", "null", "true", "[]", "{}"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("1e308", "-0", "3.14159", "9223372036854775808", "-9223372036854775809"));
        Arbitrary<String> object = Arbitraries.maps(Arbitraries.of(FIELDS), scalar).ofMaxSize(8)
                .map(GarbageInputTest::object);
        Arbitrary<String> nested = object.map(inner -> "{\"price\":" + inner + ",\"amount\":" + inner + "}");
        Arbitrary<String> junk = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("{", "{\"amount\":", "[1,2", "\u0000", "{\"a\":1}}", "NaN"));
        return Arbitraries.oneOf(object, object, nested, scalar, junk);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String object(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
