package io.settle.query.ledger;

import java.util.List;
import java.util.Map;

/**
 * The ledger's own verdict: every currency sums to zero ({@code balanced}), no provider's available
 * balance is negative, and how many bookings still hold money in escrow.
 */
public record LedgerCheck(boolean balanced, Map<String, CurrencyTotals> currencies, List<NegativeBalance> negativeAvailable,
                          long openEscrows) {

    public record CurrencyTotals(long sum, long entries, long escrowHeld, long platformRevenue, long clearing) {
    }

    public record NegativeBalance(String account, String currency, long balance) {
    }
}
