package io.settle.app.notify;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Captures where to reach a user from the standard OIDC claims of their bearer token ({@code email},
 * {@code locale}, {@code zoneinfo}), so notifications can go to people the marketplace's identity provider
 * knows. Malformed claims are ignored; a failure here never fails the request.
 */
@Configuration(proxyBeanMethods = false)
class ContactCaptureConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ContactCaptureConfiguration.class);
    // deliberately plain: an address with whitespace, angle brackets or no domain is not stored
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>@,;]{1,64}@[^\\s<>@,;]{1,255}");

    private final UserContacts contacts;

    ContactCaptureConfiguration(UserContacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                capture();
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    private void capture() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken jwt)) {
            return;
        }
        String email = valid(jwt.getToken().getClaimAsString("email"));
        String locale = locale(jwt.getToken().getClaimAsString("locale"));
        String zone = zone(jwt.getToken().getClaimAsString("zoneinfo"));
        if (email == null && locale == null && zone == null) {
            return;
        }
        try {
            contacts.remember(new UserContacts.Contact(jwt.getName(), email, locale, zone));
        } catch (RuntimeException e) {
            log.warn("Could not store the contact claims of user {}: {}", jwt.getName(), e.toString());
        }
    }

    private static String valid(String email) {
        return email != null && email.length() <= 320 && EMAIL.matcher(email).matches() ? email : null;
    }

    static String locale(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return null;
        }
        try {
            // OIDC allows en_US as well as en-US
            Locale locale = new Locale.Builder().setLanguageTag(tag.replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? null : locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    static String zone(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            return null;
        }
        try {
            return ZoneId.of(id).getId();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
