package io.settle.app.web.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets per key (a user or a client address) for one class of request, kept in a bounded cache
 * so a flood of distinct keys cannot exhaust memory. {@code perMinute <= 0} switches the limit off.
 */
public class RateLimits {

    private final String name;
    private final long perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    public RateLimits(String name, long perMinute) {
        this.name = name;
        this.perMinute = perMinute;
    }

    public String name() {
        return name;
    }

    /** Empty when the request may go ahead; otherwise how long to wait before retrying. */
    public Optional<Duration> tryAcquire(String key) {
        if (perMinute <= 0) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
