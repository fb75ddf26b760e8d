package io.settle.app.console;

import io.settle.app.security.DevTokenController;
import io.settle.app.security.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Logging in to the console: paste an ADMIN bearer token (as the marketplace's auth service issues them),
 * or, in the embedded default only, press "Dev login" to mint one. The token is checked exactly as the API
 * checks it and then kept in the console cookie until it expires or the operator logs out.
 */
@Controller
@Hidden // HTML pages, not part of the API
class ConsoleLoginController {

    static final String DEV_LOGIN_USER = "console_admin";

    private final JwtDecoder decoder;
    private final ObjectProvider<DevTokenController> devTokens;
    private final Clock clock;

    ConsoleLoginController(JwtDecoder decoder, ObjectProvider<DevTokenController> devTokens, Clock clock) {
        this.decoder = decoder;
        this.devTokens = devTokens;
        this.clock = clock;
    }

    @GetMapping(ConsolePaths.LOGIN)
    String loginPage(Model model) {
        model.addAttribute("devLogin", devTokens.getIfAvailable() != null);
        return "console/login";
    }

    @PostMapping(ConsolePaths.LOGIN)
    String login(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        model.addAttribute("devLogin", devTokens.getIfAvailable() != null);
        Jwt jwt;
        try {
            jwt = decoder.decode(token.trim());
        } catch (JwtException | IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("error", "That token is not valid here: malformed, expired or signed with another key.");
            return "console/login";
        }
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles == null || !roles.contains(Role.ADMIN.name())) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("error", "That token is valid but does not carry the ADMIN role.");
            return "console/login";
        }
        return loggedIn(request, response, jwt.getTokenValue(), jwt.getExpiresAt());
    }

    @PostMapping(ConsolePaths.DEV_LOGIN)
    String devLogin(HttpServletRequest request, HttpServletResponse response) {
        DevTokenController dev = devTokens.getIfAvailable();
        if (dev == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        DevTokenController.TokenResponse minted = dev.token(
                new DevTokenController.TokenRequest(DEV_LOGIN_USER, List.of(Role.ADMIN), null, null, null));
        return loggedIn(request, response, minted.token(), minted.expiresAt());
    }

    @PostMapping(ConsolePaths.LOGOUT)
    String logout(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, ConsoleCookie.clear(request).toString());
        response.addHeader(HttpHeaders.SET_COOKIE, ConsoleCookie.clearCsrf(request).toString());
        return "redirect:" + ConsolePaths.LOGIN + "?loggedOut";
    }

    private String loggedIn(HttpServletRequest request, HttpServletResponse response, String token, Instant expiresAt) {
        Duration lifetime = expiresAt == null ? Duration.ofHours(12) : Duration.between(clock.instant(), expiresAt);
        response.addHeader(HttpHeaders.SET_COOKIE, ConsoleCookie.of(request, token, lifetime).toString());
        // a CSRF token known before logging in is not trusted after it
        response.addHeader(HttpHeaders.SET_COOKIE, ConsoleCookie.clearCsrf(request).toString());
        return "redirect:" + ConsolePaths.ROOT + "/overview";
    }
}
