package io.settle.query.ledger;

import java.util.List;
import java.util.Map;

/**
 * The ledger's own verdict: every currency sums to zero ({@code balanced}), no provider's available
 * balance is negative, how many bookings still hold money in escrow, and what providers owe (debts are
 * recorded on their own receivable account, so available itself never goes negative).
 */
public record LedgerCheck(boolean balanced, Map<String, CurrencyTotals> currencies, List<NegativeBalance> negativeAvailable,
                          long openEscrows, List<Debt> providerDebts) {

    /** A provider's recoverable negative balance: {@code provider:<id>:receivable}, owed to the platform. */
    public record Debt(String account, String currency, long amount) {
    }

    public record CurrencyTotals(long sum, long entries, long escrowHeld, long platformRevenue, long clearing) {
    }

    public record NegativeBalance(String account, String currency, long balance) {
    }
}
