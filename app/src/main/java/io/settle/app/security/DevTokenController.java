package io.settle.app.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Embedded default only: mints a token for any user and roles so a newcomer can try the API. */
@RestController
@RequestMapping("/api/v1/dev")
@ConditionalOnProperty(name = "settle.dev.enabled", havingValue = "true")
@Tag(name = "Developer tools", description = "Only in the embedded default; 404 in every other mode")
public class DevTokenController {

    public record TokenRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._@:-]{1,128}", message = "1-128 letters, digits or ._@:-")
            String userId,
            @NotEmpty List<@NotNull Role> roles,
            @Size(max = 320) @jakarta.validation.constraints.Email String email,
            @Size(max = 35) String locale,
            @Size(max = 64) String zoneinfo) {
    }

    public record TokenResponse(String token, Instant expiresAt) {
    }

    private final JwtEncoder encoder;
    private final Clock clock;
    private final Duration ttl;
    private final String issuer;

    public DevTokenController(JwtEncoder encoder, Clock clock,
                              @Value("${settle.jwt.token-ttl:PT12H}") Duration ttl,
                              @Value("${settle.jwt.issuer:settle}") String issuer) {
        this.encoder = encoder;
        this.clock = clock;
        this.ttl = ttl;
        this.issuer = issuer;
    }

    @PostMapping("/tokens")
    @Operation(summary = "Mint a bearer token for a user and roles (embedded default only); optional email, "
            + "locale and zoneinfo become the OIDC claims notifications use")
    public TokenResponse token(@Valid @RequestBody TokenRequest request) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(request.userId())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("roles", request.roles().stream().map(Enum::name).distinct().toList());
        // the standard OIDC claims Settle reads to reach the user by mail (docs/notifications.md)
        if (request.email() != null) {
            builder.claim("email", request.email());
        }
        if (request.locale() != null) {
            builder.claim("locale", request.locale());
        }
        if (request.zoneinfo() != null) {
            builder.claim("zoneinfo", request.zoneinfo());
        }
        JwtClaimsSet claims = builder.build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new TokenResponse(token, now.plus(ttl));
    }
}
