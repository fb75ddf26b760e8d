package io.settle.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body up front, refusing oversized ones with 413 before anything parses them, and
 * keeps the bytes so later steps (idempotency hashing, webhook signature checks) see the exact raw body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodyLimitFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;
    private final int apiLimit;
    private final int webhookLimit;

    public BodyLimitFilter(ProblemWriter problems,
                           @Value("${settle.api.max-body-bytes:65536}") int apiLimit,
                           @Value("${settle.webhooks.max-body-bytes:262144}") int webhookLimit) {
        this.problems = problems;
        this.apiLimit = apiLimit;
        this.webhookLimit = webhookLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        int limit = request.getRequestURI().startsWith("/webhooks/") ? webhookLimit : apiLimit;
        long declared = request.getContentLengthLong();
        byte[] body = declared > limit ? null : readAtMost(request.getInputStream(), limit);
        if (body == null) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE,
                    "Request body exceeds " + limit + " bytes");
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    /** The body, or null when it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }
}
