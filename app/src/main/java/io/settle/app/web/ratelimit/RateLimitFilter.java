package io.settle.app.web.ratelimit;

import io.settle.app.web.ErrorCodes;
import io.settle.app.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 429 with {@code Retry-After} when a caller goes too fast: per user on requests that create payments
 * (bookings, credit purchases, subscriptions, payouts), per client address on dev tokens and webhooks.
 * Runs after authentication (so the user is known) and before idempotency handling.
 */
@Component
@Order(-10)
public class RateLimitFilter extends OncePerRequestFilter {

    private static final List<String> PAYMENT_PATHS = List.of("/api/v1/bookings", "/api/v1/credits/purchases",
            "/api/v1/subscriptions", "/api/v1/wallet/payouts");

    private final ProblemWriter problems;
    private final RateLimits payments;
    private final RateLimits devTokens;
    private final RateLimits webhooks;

    public RateLimitFilter(ProblemWriter problems,
                           @Value("${settle.rate-limit.payments-per-minute:60}") long paymentsPerMinute,
                           @Value("${settle.rate-limit.dev-tokens-per-minute:60}") long devTokensPerMinute,
                           @Value("${settle.rate-limit.webhooks-per-minute:6000}") long webhooksPerMinute) {
        this.problems = problems;
        this.payments = new RateLimits("payments", paymentsPerMinute);
        this.devTokens = new RateLimits("dev tokens", devTokensPerMinute);
        this.webhooks = new RateLimits("webhooks", webhooksPerMinute);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = limitFor(request);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                    "Too many requests; retry after " + seconds + " s");
            return;
        }
        chain.doFilter(request, response);
    }

    private Optional<Duration> limitFor(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (!"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        if (path.startsWith("/webhooks/")) {
            return webhooks.tryAcquire(request.getRemoteAddr());
        }
        if (path.equals("/api/v1/dev/tokens")) {
            return devTokens.tryAcquire(request.getRemoteAddr());
        }
        if (PAYMENT_PATHS.contains(path)) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            return auth == null ? Optional.empty() : payments.tryAcquire(auth.getName());
        }
        return Optional.empty();
    }
}
