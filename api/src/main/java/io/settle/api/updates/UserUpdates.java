package io.settle.api.updates;

import java.time.Instant;

/** Live updates for one user's own records, as the event stream pushes them. */
public final class UserUpdates {

    private UserUpdates() {
    }

    /**
     * The user's updates after {@code afterId}, then every new one as it happens (a subscription query).
     * {@code afterId < 0} means "from now on".
     */
    public record FindUserUpdates(String userId, long afterId) {
    }

    /** {@code type} is booking.updated, payment.updated, wallet.updated, payout.updated or subscription.updated. */
    public record UserUpdate(long id, String userId, String type, String reference, String status, Instant at) {
    }
}
