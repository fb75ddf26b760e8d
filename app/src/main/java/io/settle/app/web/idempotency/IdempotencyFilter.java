package io.settle.app.web.idempotency;

import io.settle.app.web.ErrorCodes;
import io.settle.app.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on creating POSTs: the same key, user and body within the retention period
 * answers the first response again without executing; the same key with another body answers 422
 * {@code IDEMPOTENCY_KEY_REUSED}. Runs after Spring Security, so the user is known.
 */
@Component
@Order(0)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final IdempotencyStore store;
    private final ProblemWriter problems;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problems) {
        this.store = store;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 255) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_ERROR,
                    "Idempotency-Key must be 1 to 255 characters");
            return;
        }
        String user = currentUser();
        IdempotencyStore.Claim claim = store.claim(user, key, hash(request));
        if (claim instanceof IdempotencyStore.Mismatch) {
            problems.write(request, response, HttpStatus.UNPROCESSABLE_ENTITY, ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used with a different request");
        } else if (claim instanceof IdempotencyStore.InProgress) {
            problems.write(request, response, HttpStatus.CONFLICT, ErrorCodes.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed; retry shortly");
        } else if (claim instanceof IdempotencyStore.Replay replay) {
            response.setStatus(replay.status());
            if (replay.contentType() != null) {
                response.setContentType(replay.contentType());
            }
            response.setHeader(REPLAYED_HEADER, "true");
            if (replay.body() != null) {
                response.getOutputStream().write(replay.body());
            }
        } else {
            execute(request, response, chain, user, key);
        }
    }

    private void execute(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                         String user, String key) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request, recorded);
            if (recorded.getStatus() < 500) {
                store.complete(user, key, recorded.getStatus(), recorded.getContentType(),
                        recorded.getContentAsByteArray());
                stored = true;
            }
        } finally {
            if (!stored) {
                store.release(user, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
    }

    private static String hash(HttpServletRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?"
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            // BodyLimitFilter cached the body, so this read leaves it intact for the controller
            digest.update(request.getInputStream().readAllBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash request", e);
        }
    }
}
