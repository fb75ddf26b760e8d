package io.settle.saga.payout;

import java.util.Optional;

/** The Stripe charge that paid a booking, if it was paid by card: a transfer's source_transaction. */
public interface FundingCharges {

    Optional<String> chargeOf(String bookingId);
}
