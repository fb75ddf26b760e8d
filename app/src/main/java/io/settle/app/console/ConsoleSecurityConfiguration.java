package io.settle.app.console;

import io.settle.app.security.Role;
import io.settle.app.security.SecurityConfiguration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The operator console's own security chain, for {@code /console/**} (and the WebJars it loads) only. A
 * browser cannot send a bearer header, so the console keeps an ADMIN token in an HttpOnly, SameSite=Strict
 * cookie scoped to {@code /console} and verifies it exactly like the API verifies its header (same key, same
 * roles claim). Its POSTs carry a CSRF token (double-submit cookie, no server session). The API's chain
 * ({@link SecurityConfiguration}) never reads this cookie, and {@code /webhooks/**} never reaches this chain.
 * No cookie or an invalid one: redirect to the login page; a valid token without ADMIN, or a POST without
 * a CSRF token: a 403 page.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    static final String CSRF_COOKIE = "settle_console_csrf";
    /** The authentication lives for one request (and its error dispatch), never in a session. */
    private static final RequestAttributeSecurityContextRepository REQUEST_CONTEXTS =
            new RequestAttributeSecurityContextRepository();

    /** Pages that need no login (the cookie is not even read there, so a stale one cannot loop). */
    static boolean isPublic(String path) {
        return path.equals(ConsolePaths.LOGIN) || path.equals(ConsolePaths.DEV_LOGIN)
                || path.equals(ConsolePaths.LOGOUT) || path.startsWith(ConsolePaths.ASSETS) || path.startsWith("/webjars/");
    }

    @Bean
    @Order(1) // before the API chain, which matches every request
    SecurityFilterChain consoleSecurity(HttpSecurity http, JwtDecoder jwtDecoder, ITemplateEngine templates)
            throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName(CSRF_COOKIE);
        csrfTokens.setCookieCustomizer(cookie -> cookie.path(ConsolePaths.ROOT).sameSite("Strict").httpOnly(true));
        http.securityMatcher(ConsolePaths.ROOT, ConsolePaths.ROOT + "/**", "/webjars/**")
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .addFilterAfter(new LoadCsrfTokenEagerly(), CsrfFilter.class)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // no sessions; and no session-management filter, whose authentication strategy would rotate the
                // CSRF token on every request (it takes each cookie login for a new one), breaking forms in other
                // tabs and any form on a page that htmx refreshes. The login controller rotates it on log in/out.
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(context -> context.securityContextRepository(REQUEST_CONTEXTS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(ConsolePaths.LOGIN, ConsolePaths.DEV_LOGIN, ConsolePaths.LOGOUT,
                                ConsolePaths.ASSETS + "**",
                                "/webjars/**").permitAll()
                        .anyRequest().hasRole(Role.ADMIN.name()))
                // not oauth2ResourceServer(): it exempts every request that carries its token from CSRF checks,
                // which is right for a header and wrong for a cookie the browser sends by itself
                .addFilterBefore(new CookieAuthentication(jwtDecoder), AnonymousAuthenticationFilter.class)
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> toLogin(request, response))
                        .accessDeniedHandler((request, response, e) -> forbidden(templates, response,
                                e instanceof CsrfException
                                        ? "The form was missing its security token or it had expired. Reload the page and try again."
                                        : "Your token does not carry the ADMIN role. The console is for administrators only.")));
        return http.build();
    }

    /** Not logged in, or the token expired or is invalid: forget it and go to the login page. */
    private static void toLogin(HttpServletRequest request, HttpServletResponse response) {
        if (ConsoleCookie.read(request) != null) {
            response.addHeader(HttpHeaders.SET_COOKIE, ConsoleCookie.clear(request).toString());
        }
        if (request.getHeader("HX-Request") != null) {
            // htmx follows this header with a full page load instead of swapping the login form into a fragment
            response.setHeader("HX-Redirect", ConsolePaths.LOGIN);
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            return;
        }
        response.setStatus(HttpStatus.FOUND.value());
        response.setHeader(HttpHeaders.LOCATION, ConsolePaths.LOGIN);
    }

    private static void forbidden(ITemplateEngine templates, HttpServletResponse response, String message)
            throws IOException {
        String html = templates.process("console/forbidden", new Context(Locale.ENGLISH, Map.of("message", message)));
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(html);
    }

    /**
     * Verifies the cookie's token exactly as the API verifies a bearer header (same decoder: signature and
     * expiry; same roles claim). An invalid or expired one is cleared and the browser sent to the login page.
     */
    private static final class CookieAuthentication extends OncePerRequestFilter {

        private final JwtDecoder decoder;
        private final JwtAuthenticationConverter roles = SecurityConfiguration.rolesFromClaim();
        private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

        CookieAuthentication(JwtDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String token = isPublic(request.getRequestURI()) ? null : ConsoleCookie.read(request);
            if (token != null) {
                Authentication authentication;
                try {
                    authentication = roles.convert(decoder.decode(token));
                } catch (JwtException e) {
                    toLogin(request, response);
                    return;
                }
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(authentication);
                contexts.setContext(context);
                REQUEST_CONTEXTS.saveContext(context, request, response);
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * Spring Security creates CSRF tokens lazily; a page that first asks for it late in rendering may find the
     * response already committed and its cookie lost. Asking early writes the cookie before any body.
     */
    private static final class LoadCsrfTokenEagerly extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null && request.getRequestURI().startsWith(ConsolePaths.ROOT)) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
