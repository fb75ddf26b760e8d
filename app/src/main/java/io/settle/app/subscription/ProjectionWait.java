package io.settle.app.subscription;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Projections follow commands within moments. Endpoints that answer with the read model poll it briefly,
 * so the caller sees its own change; after the timeout they answer with what is there.
 */
final class ProjectionWait {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ProjectionWait() {
    }

    static <T> Optional<T> until(Supplier<Optional<T>> read, Predicate<T> done) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Optional<T> last = read.get();
        while (last.filter(done).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = read.get();
        }
        return last;
    }
}
