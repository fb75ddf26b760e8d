package io.settle.app.security;

import io.settle.app.web.ErrorCodes;
import io.settle.app.web.ProblemWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import com.nimbusds.jose.jwk.source.ImmutableSecret;

/**
 * Bearer JWTs signed with HS256: {@code sub} is the user id, {@code roles} any of CUSTOMER, PROVIDER,
 * ADMIN, ANALYST, SERVICE. No token: 401; wrong role: 403; both as problem+json. ADMIN alone reaches
 * /api/v1/admin; ANALYST alone reaches only the reports (GET /api/v1/reports/**); SERVICE alone only the
 * fulfilment-failure report.
 * The operator console under /console has a chain of its own
 * (io.settle.app.console.ConsoleSecurityConfiguration): this one never reads its cookie.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    @Bean
    SecretKey jwtSigningKey(@Value("${settle.jwt.secret:}") String secret,
                            @Value("${settle.dev.enabled:false}") boolean devMode,
                            @Value("${settle.data-dir:.settle}") Path dataDir) {
        return JwtSecret.resolve(secret, devMode, dataDir);
    }

    /**
     * No Micrometer observation per security filter: with actuator on the classpath Spring Security wraps each
     * of a chain's filters, and the authentication and authorization, in an observation of its own, a
     * dozen timers per request that nothing here reads (a profile of bookings under load found them in
     * 33 of 217 request-thread samples, docs/benchmarks.md). Requests are still timed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey key) {
        return NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey key) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemWriter problems) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        // webhooks authenticate by Stripe signature, never by bearer token
                        .requestMatchers("/webhooks/**").permitAll()
                        // only mapped in the embedded default; elsewhere these paths answer 404
                        .requestMatchers("/api/v1/dev/**").permitAll()
                        .requestMatchers("/api/v1/config/**").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name())
                        // ANALYST is a reporting role: it reads the reports and reaches nothing else
                        .requestMatchers(HttpMethod.GET, "/api/v1/reports/**")
                        .hasAnyRole(Role.PROVIDER.name(), Role.ADMIN.name(), Role.ANALYST.name())
                        // SERVICE is the marketplace backend's role: it reports failed fulfilments and nothing else
                        .requestMatchers(HttpMethod.POST, "/api/v1/bookings/*/fulfilment-failed")
                        .hasAnyRole(Role.ADMIN.name(), Role.SERVICE.name())
                        .requestMatchers("/api/v1/**")
                        .hasAnyRole(Role.CUSTOMER.name(), Role.PROVIDER.name(), Role.ADMIN.name())
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(bearerTokensOutsideWebhooks())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint((request, response, e) -> problems.write(request, response,
                                HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED,
                                "A valid bearer token is required")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> problems.write(request, response,
                                HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "Your role does not allow this request")));
        return http.build();
    }

    /** Webhooks authenticate by signature alone: an Authorization header there is neither read nor judged. */
    private static BearerTokenResolver bearerTokensOutsideWebhooks() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return request -> request.getRequestURI().startsWith("/webhooks/") ? null : standard.resolve(request);
    }

    /** The {@code roles} claim as ROLE_* authorities (unknown roles dropped); the console's cookie chain uses it too. */
    public static JwtAuthenticationConverter rolesFromClaim() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::authorities);
        return converter;
    }

    private static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles == null) {
            return List.of();
        }
        return roles.stream()
                .filter(r -> List.of(Role.values()).stream().anyMatch(known -> known.name().equals(r)))
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
    }
}
