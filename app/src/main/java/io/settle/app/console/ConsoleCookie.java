package io.settle.app.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.ResponseCookie;

/**
 * The console's login: the admin's bearer token in a cookie that scripts cannot read (HttpOnly), that other
 * sites cannot make the browser send (SameSite=Strict) and that the browser sends to /console only.
 */
final class ConsoleCookie {

    static final String NAME = "settle_console";

    private ConsoleCookie() {
    }

    static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    static ResponseCookie of(HttpServletRequest request, String token, Duration lifetime) {
        return base(request, token).maxAge(lifetime).build();
    }

    static ResponseCookie clear(HttpServletRequest request) {
        return base(request, "").maxAge(Duration.ZERO).build();
    }

    /** Forgets the CSRF token, so that a new one is issued with the next page (on logging in and out). */
    static ResponseCookie clearCsrf(HttpServletRequest request) {
        return ResponseCookie.from(ConsoleSecurityConfiguration.CSRF_COOKIE, "").httpOnly(true).sameSite("Strict")
                .path(ConsolePaths.ROOT).secure(request.isSecure()).maxAge(Duration.ZERO).build();
    }

    private static ResponseCookie.ResponseCookieBuilder base(HttpServletRequest request, String value) {
        return ResponseCookie.from(NAME, value).httpOnly(true).sameSite("Strict").path(ConsolePaths.ROOT)
                .secure(request.isSecure());
    }
}
