package io.settle.app.subscription;

import io.settle.api.subscription.PlanAudience;
import io.settle.query.subscription.SubscriptionQueries;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One live subscription per subscriber and family, enforced by the primary key of
 * {@code subscription_family_reservations} rather than by reading a projection (two concurrent subscribes
 * both saw none). A subscribe first reserves the family for its new subscription id; only one insert of a
 * (subscriber, family) can succeed. A reservation held by a subscription that has ended, or that never
 * started (a crash between the reservation and Stripe), is taken over with a compare-and-set, so it too
 * goes to exactly one caller.
 */
@Component
public class SubscriptionFamilies {

    /** How long a reservation may wait for its subscription to appear before it counts as abandoned. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final SubscriptionQueries queries;
    private final Clock clock;

    public SubscriptionFamilies(JdbcTemplate jdbc, SubscriptionQueries queries, Clock clock) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.clock = clock;
    }

    /** One provider tier; one consumer plan; one fan tier per provider. */
    public static String family(PlanAudience audience, String providerId) {
        return audience == PlanAudience.FAN ? "FAN:" + providerId : audience.name();
    }

    /**
     * Reserves the family for {@code subscriptionId}. Returns the id of the live subscription that holds it
     * (the caller must answer 409), or empty when the reservation is now ours.
     */
    public Optional<String> reserve(String subscriberId, String family, String subscriptionId) {
        Timestamp now = Timestamp.from(clock.instant());
        for (int attempt = 0; attempt < 3; attempt++) {
            int inserted = jdbc.update("""
                    INSERT INTO subscription_family_reservations (subscriber_id, family, subscription_id, reserved_at)
                    VALUES (?, ?, ?, ?) ON CONFLICT (subscriber_id, family) DO NOTHING""",
                    subscriberId, family, subscriptionId, now);
            if (inserted == 1) {
                return Optional.empty();
            }
            List<Holder> holders = jdbc.query("""
                    SELECT subscription_id, reserved_at FROM subscription_family_reservations
                    WHERE subscriber_id = ? AND family = ?""", (rs, row) -> new Holder(rs.getString(1),
                    rs.getTimestamp(2)), subscriberId, family);
            if (holders.isEmpty()) {
                continue; // released meanwhile: try the insert again
            }
            Holder holder = holders.get(0);
            if (!ended(holder)) {
                return Optional.of(holder.subscriptionId());
            }
            int taken = jdbc.update("""
                    UPDATE subscription_family_reservations SET subscription_id = ?, reserved_at = ?
                    WHERE subscriber_id = ? AND family = ? AND subscription_id = ?""",
                    subscriptionId, now, subscriberId, family, holder.subscriptionId());
            if (taken == 1) {
                return Optional.empty();
            }
        }
        return Optional.of("a subscription being created");
    }

    /** Frees the family if {@code subscriptionId} still holds it (its creation failed). */
    public void release(String subscriberId, String family, String subscriptionId) {
        jdbc.update("DELETE FROM subscription_family_reservations WHERE subscriber_id = ? AND family = ? "
                + "AND subscription_id = ?", subscriberId, family, subscriptionId);
    }

    private boolean ended(Holder holder) {
        return queries.subscription(holder.subscriptionId())
                .map(s -> !io.settle.api.subscription.SubscriptionStatus.valueOf(s.status()).live()
                        && !"INCOMPLETE".equals(s.status()))
                .orElseGet(() -> holder.reservedAt().toInstant().plus(ABANDONED_AFTER).isBefore(clock.instant()));
    }

    private record Holder(String subscriptionId, Timestamp reservedAt) {
    }
}
