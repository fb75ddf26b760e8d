package io.settle.foundation;

import static io.settle.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

class DevTokenEndpointTest extends IntegrationTest {

    @Test
    void devTokenAuthenticatesAsTheRequestedUserAndRoles() {
        Api.Response minted = api().post("/api/v1/dev/tokens", """
                {"userId":"u1","roles":["CUSTOMER"]}""");
        assertThat(minted.status()).isEqualTo(200);
        String token = minted.json().path("token").asText();
        assertThat(token).isNotBlank();

        Api.Response me = new Api("http://localhost:" + port, token).get("/api/v1/test/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("userId").asText()).isEqualTo("u1");
        assertThat(me.json().path("authorities").toString()).isEqualTo("[\"ROLE_CUSTOMER\"]");
    }

    @Test
    void unknownRoleIsAValidationError() {
        Api.Response response = api().post("/api/v1/dev/tokens", """
                {"userId":"u1","roles":["WIZARD"]}""");

        assertProblem(response, 400, "VALIDATION_ERROR");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("roles[0]");
    }

    @Test
    void missingRolesIsAValidationErrorNamingTheField() {
        Api.Response response = api().post("/api/v1/dev/tokens", """
                {"userId":"u1","roles":[]}""");

        assertProblem(response, 400, "VALIDATION_ERROR");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("roles");
    }
}
