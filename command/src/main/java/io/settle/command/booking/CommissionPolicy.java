package io.settle.command.booking;

/**
 * The commission rate, in basis points (1000 = 10 %), that applies to a provider's new bookings. The
 * rate is recorded in {@code BookingRequested}, so a later change never alters an existing booking.
 */
public interface CommissionPolicy {

    int basisPointsFor(String providerId);

    /** The same rate for every provider (SETTLE_COMMISSION_BPS, default 1000). */
    static CommissionPolicy flat(int basisPoints) {
        if (basisPoints < 0 || basisPoints > 10_000) {
            throw new IllegalArgumentException("commission must be within 0..10000 bps: " + basisPoints);
        }
        return providerId -> basisPoints;
    }
}
