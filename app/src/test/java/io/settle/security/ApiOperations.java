package io.settle.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Every operation the OpenAPI document lists, so security tests cover endpoints added later too. */
record ApiOperations(List<Operation> all) {

    record Operation(String method, String template) {

        /** The path with every {parameter} filled with a harmless placeholder. */
        String path() {
            return template.replaceAll("\\{[^}]+}", "x_placeholder");
        }

        boolean hasJsonBody() {
            return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        }

        boolean isPublic() {
            return template.startsWith("/api/v1/config/") || template.startsWith("/api/v1/dev/")
                    || template.startsWith("/webhooks/") || !template.startsWith("/api/");
        }

        boolean isAdmin() {
            return template.startsWith("/api/v1/admin/");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static ApiOperations from(Api anonymous) {
        JsonNode paths = anonymous.get("/v3/api-docs").json().path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method ->
                    operations.add(new Operation(method.toUpperCase(), path.getKey())));
        }
        return new ApiOperations(operations);
    }

    List<Operation> secured() {
        return all.stream().filter(o -> !o.isPublic()).toList();
    }
}
