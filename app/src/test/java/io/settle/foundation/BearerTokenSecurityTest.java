package io.settle.foundation;

import static io.settle.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class BearerTokenSecurityTest extends IntegrationTest {

    @Autowired
    JwtEncoder appEncoder;

    @Test
    void noTokenIsUnauthorized() {
        assertProblem(api().get("/api/v1/test/me"), 401, "UNAUTHORIZED");
    }

    @Test
    void validTokenAuthenticatesWithSubjectAndRoles() {
        Api.Response me = as("u-sec-1", "PROVIDER", "ANALYST").get("/api/v1/test/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("userId").asText()).isEqualTo("u-sec-1");
        assertThat(me.json().path("authorities").toString()).isEqualTo("[\"ROLE_ANALYST\",\"ROLE_PROVIDER\"]");
    }

    @Test
    void wrongRoleOnAdminPathIsForbidden() {
        assertProblem(as("u-sec-2", "CUSTOMER").get("/api/v1/admin/anything"), 403, "FORBIDDEN");
    }

    @Test
    void adminRolePassesTheAdminGate() {
        // nothing is mapped there yet, so an admin gets past security to a 404
        assertProblem(as("u-sec-3", "ADMIN").get("/api/v1/admin/anything"), 404, "NOT_FOUND");
    }

    @Test
    void unknownRoleGrantsNothing() {
        assertProblem(as("u-sec-4", "SUPERUSER").get("/api/v1/admin/anything"), 403, "FORBIDDEN");
    }

    @Test
    void expiredTokenIsUnauthorized() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        String expired = sign(appEncoder, longAgo, longAgo.plus(Duration.ofHours(1)));

        assertProblem(withToken(expired).get("/api/v1/test/me"), 401, "UNAUTHORIZED");
    }

    @Test
    void tokenSignedWithAnotherKeyIsUnauthorized() {
        byte[] otherSecret = "another-secret-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8);
        JwtEncoder foreign = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(otherSecret, "HmacSHA256")));
        String forged = sign(foreign, Instant.now(), Instant.now().plus(Duration.ofHours(1)));

        assertProblem(withToken(forged).get("/api/v1/test/me"), 401, "UNAUTHORIZED");
    }

    @Test
    void garbageTokenIsUnauthorized() {
        assertProblem(withToken("not-a-jwt").get("/api/v1/test/me"), 401, "UNAUTHORIZED");
    }

    private Api withToken(String token) {
        return new Api("http://localhost:" + port, token);
    }

    private static String sign(JwtEncoder encoder, Instant issuedAt, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().subject("u-sec-x").issuedAt(issuedAt).expiresAt(expiresAt)
                .claim("roles", List.of("ADMIN")).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
