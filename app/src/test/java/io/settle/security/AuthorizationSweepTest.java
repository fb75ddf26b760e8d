package io.settle.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every operation in the OpenAPI document: without a token every non-public one answers 401, and every
 * /api/v1/admin operation answers 403 to each non-admin role. New endpoints are covered automatically.
 */
class AuthorizationSweepTest extends IntegrationTest {

    @Test
    void every_secured_operation_refuses_a_request_without_a_token() {
        ApiOperations operations = ApiOperations.from(api());
        List<String> leaks = new ArrayList<>();
        for (ApiOperations.Operation operation : operations.secured()) {
            Api.Response response = call(api(), operation);
            if (response.status() != 401 || !"UNAUTHORIZED".equals(response.code())) {
                leaks.add(operation + " -> " + response.status());
            }
        }
        assertThat(operations.secured()).hasSizeGreaterThan(10);
        assertThat(leaks).isEmpty();
    }

    @Test
    void every_admin_operation_refuses_every_other_role() {
        ApiOperations operations = ApiOperations.from(api());
        List<String> leaks = new ArrayList<>();
        List<ApiOperations.Operation> admin = operations.all().stream().filter(ApiOperations.Operation::isAdmin).toList();
        for (String role : List.of("CUSTOMER", "PROVIDER", "ANALYST")) {
            Api user = as("sweep_" + role.toLowerCase(), role);
            for (ApiOperations.Operation operation : admin) {
                Api.Response response = call(user, operation);
                if (response.status() != 403 || !"FORBIDDEN".equals(response.code())) {
                    leaks.add(role + " " + operation + " -> " + response.status());
                }
            }
        }
        assertThat(admin).hasSizeGreaterThan(5);
        assertThat(leaks).isEmpty();
    }

    static Api.Response call(Api api, ApiOperations.Operation operation) {
        return switch (operation.method()) {
            case "GET" -> api.get(operation.path());
            case "DELETE" -> api.delete(operation.path());
            case "PUT" -> api.put(operation.path(), "{}");
            default -> api.post(operation.path(), "{}");
        };
    }
}
