package io.settle.app.security;

import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request, as the bearer token names them. */
public record CurrentUser(String id, Authentication authentication) {

    public static CurrentUser get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, "A valid bearer token is required");
        }
        return new CurrentUser(auth.getName(), auth);
    }

    public boolean has(Role role) {
        return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
    }

    public void require(Role role) {
        if (!has(role)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "This request needs the " + role + " role");
        }
    }
}
