package io.settle.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Mints bearer tokens with the application's own key, as the marketplace's auth service would. */
@Component
public class Tokens {

    private final JwtEncoder encoder;

    public Tokens(JwtEncoder encoder) {
        this.encoder = encoder;
    }

    public String mint(String userId, String... roles) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(userId).issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(1))).claim("roles", List.of(roles)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
