package io.settle.query.wallet;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class WalletQueries {

    /**
     * {@code available} never goes below zero; {@code debt} is what the provider owes after a refund or
     * chargeback took back more than was available (settled first from future earnings), and
     * {@code netAvailable} = available − debt, negative exactly when {@code negativeBalance}.
     */
    public record WalletBalance(String currency, long pending, long available, long reservedForPayout, long credits,
                                long totalEarned, long totalWithdrawn, long debt, long netAvailable,
                                boolean negativeBalance) {
    }

    public record WalletTransaction(long id, String type, String balance, long amount, String currency,
                                    long balanceBefore, long balanceAfter, String reference, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;

    public WalletQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<WalletBalance> balances(String userId) {
        return jdbc.query("SELECT * FROM wallet_balances WHERE user_id = ? ORDER BY currency",
                (rs, i) -> new WalletBalance(rs.getString("currency").trim(), rs.getLong("pending"),
                        rs.getLong("available"), rs.getLong("reserved_for_payout"), rs.getLong("credits"),
                        rs.getLong("total_earned"), rs.getLong("total_withdrawn"), rs.getLong("debt"),
                        rs.getLong("available") - rs.getLong("debt"), rs.getLong("debt") > 0), userId);
    }

    public long credits(String userId, String currency) {
        List<Long> credits = jdbc.queryForList("SELECT credits FROM wallet_balances WHERE user_id = ? AND currency = ?",
                Long.class, userId, currency);
        return credits.isEmpty() ? 0 : credits.get(0);
    }

    /**
     * Newest first, optionally of one type and within [from, to); keyset-paginated by id, so pages stay
     * stable while new rows arrive.
     */
    public List<WalletTransaction> transactions(String userId, String type, Instant from, Instant to, Long beforeId,
                                                int limit) {
        return jdbc.query("""
                SELECT * FROM wallet_transactions WHERE user_id = ? AND (CAST(? AS varchar) IS NULL OR type = ?)
                  AND created_at >= ? AND created_at < ? AND (CAST(? AS bigint) IS NULL OR id < ?)
                ORDER BY id DESC LIMIT ?""",
                (rs, i) -> new WalletTransaction(rs.getLong("id"), rs.getString("type"),
                        rs.getString("balance"), rs.getLong("amount"), rs.getString("currency").trim(),
                        rs.getLong("balance_before"), rs.getLong("balance_after"), rs.getString("reference"),
                        rs.getTimestamp("created_at").toInstant()),
                userId, type, type, Timestamp.from(from), Timestamp.from(to), beforeId, beforeId, limit);
    }
}
