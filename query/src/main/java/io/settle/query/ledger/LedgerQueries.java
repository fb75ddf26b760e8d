package io.settle.query.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the ledger; the check is computed from the entries themselves, not from any balance table. */
@Repository
public class LedgerQueries {

    private final JdbcTemplate jdbc;

    public LedgerQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public LedgerCheck check() {
        Map<String, LedgerCheck.CurrencyTotals> currencies = new LinkedHashMap<>();
        jdbc.query("""
                SELECT currency, SUM(amount) AS total, COUNT(*) AS entries,
                  -SUM(amount) FILTER (WHERE account LIKE 'escrow:%') AS escrow_held,
                  -SUM(amount) FILTER (WHERE account = 'platform:revenue') AS revenue,
                  SUM(amount) FILTER (WHERE account = 'stripe:clearing') AS clearing
                FROM ledger_entries GROUP BY currency ORDER BY currency""", rs -> {
            currencies.put(rs.getString("currency").trim(), new LedgerCheck.CurrencyTotals(rs.getLong("total"),
                    rs.getLong("entries"), rs.getLong("escrow_held"), rs.getLong("revenue"), rs.getLong("clearing")));
        });
        // available balances are credit balances (negative); a positive sum means the provider owes money
        List<LedgerCheck.NegativeBalance> negative = jdbc.query("""
                SELECT account, currency, -SUM(amount) AS balance FROM ledger_entries
                WHERE account LIKE 'provider:%:available' GROUP BY account, currency HAVING SUM(amount) > 0""",
                (rs, i) -> new LedgerCheck.NegativeBalance(rs.getString("account"), rs.getString("currency").trim(),
                        rs.getLong("balance")));
        Long openEscrows = jdbc.queryForObject("""
                SELECT COUNT(*) FROM (SELECT account FROM ledger_entries WHERE account LIKE 'escrow:%'
                GROUP BY account, currency HAVING SUM(amount) <> 0) open""", Long.class);
        List<LedgerCheck.Debt> debts = jdbc.query("""
                SELECT account, currency, SUM(amount) AS owed FROM ledger_entries
                WHERE account LIKE 'provider:%:receivable' GROUP BY account, currency HAVING SUM(amount) <> 0
                ORDER BY account, currency""",
                (rs, i) -> new LedgerCheck.Debt(rs.getString("account"), rs.getString("currency").trim(),
                        rs.getLong("owed")));
        boolean balanced = currencies.values().stream().allMatch(c -> c.sum() == 0);
        return new LedgerCheck(balanced, currencies, negative, openEscrows == null ? 0 : openEscrows, debts);
    }

    /**
     * Where the money stands, per currency, from the entries: held for bookings not yet released (escrow plus
     * providers' pending shares), released from escrow (providers' shares made available plus commission),
     * refunded (bookings to cards and to credits, subscription invoices to cards), paid out to banks, in
     * transit to banks, and the platform's revenue (commissions and subscription fees, less reversals).
     */
    public List<MoneyTotals> totals() {
        return jdbc.query("""
                SELECT trim(currency) AS currency,
                  COALESCE(-SUM(amount) FILTER (WHERE account LIKE 'escrow:%' OR account LIKE 'provider:%:pending'), 0) AS held,
                  COALESCE(-SUM(amount) FILTER (WHERE (entry_type = 'EARNING_RELEASED' AND account LIKE 'provider:%:available')
                                                  OR (entry_type = 'COMMISSION' AND account = 'platform:revenue')), 0) AS released,
                  COALESCE(-SUM(amount) FILTER (WHERE (account = 'stripe:clearing'
                                                       AND entry_type IN ('REFUND', 'SUBSCRIPTION_REVERSAL', 'SUBSCRIPTION_FEE_REFUND'))
                                                  OR (entry_type = 'CREDITS_RETURNED' AND account LIKE 'customer:%:credits')), 0) AS refunded,
                  COALESCE(-SUM(amount) FILTER (WHERE entry_type = 'PAYOUT_PAID' AND account = 'stripe:clearing'), 0) AS paid_out,
                  COALESCE(-SUM(amount) FILTER (WHERE account LIKE 'provider:%:payout-in-transit'), 0) AS in_transit,
                  COALESCE(-SUM(amount) FILTER (WHERE account IN ('platform:revenue', 'platform:subscription-fees')), 0) AS revenue
                FROM ledger_entries GROUP BY currency ORDER BY currency""",
                (rs, i) -> new MoneyTotals(rs.getString("currency"), rs.getLong("held"), rs.getLong("released"),
                        rs.getLong("refunded"), rs.getLong("paid_out"), rs.getLong("in_transit"), rs.getLong("revenue")));
    }

    /** Money figures of one currency in minor units; see {@link #totals()}. */
    public record MoneyTotals(String currency, long heldInEscrow, long released, long refunded, long paidOut,
                              long inTransit, long platformRevenue) {
    }

    /** Balance of one account (debit positive) in one currency. */
    public long balance(String account, String currency) {
        Long sum = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account = ? AND currency = ?",
                Long.class, account, currency);
        return sum == null ? 0 : sum;
    }
}
