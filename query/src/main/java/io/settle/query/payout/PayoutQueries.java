package io.settle.query.payout;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class PayoutQueries {

    public record Amount(long amount, String currency) {
    }

    /** {@code retriedBy}: the payout an admin retried this failed one as; {@code retryOf}: the reverse. */
    public record PayoutView(String id, String userId, String status, Amount amount, String accountId,
                             String transferId, String stripePayoutId, String failureCode, String failureReason,
                             int attempts, String retriedBy, String retryOf, Instant requestedAt, Instant updatedAt) {
    }

    /** A provider whose available balance may be paid out: their account can receive payouts. */
    public record PayableWallet(String userId, String currency, long available, String accountId) {
    }

    private static final RowMapper<PayoutView> VIEW = (rs, i) -> new PayoutView(rs.getString("id"),
            rs.getString("user_id"), rs.getString("status"),
            new Amount(rs.getLong("amount"), rs.getString("currency").trim()),
            rs.getString("account_id"), rs.getString("transfer_id"), rs.getString("stripe_payout_id"),
            rs.getString("failure_code"), rs.getString("failure_reason"), rs.getInt("attempts"),
            rs.getString("retried_by"), rs.getString("retry_of"),
            rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private static final String SELECT = "SELECT p.*, (SELECT o.id FROM payouts o WHERE o.retried_by = p.id LIMIT 1) "
            + "AS retry_of FROM payouts p ";

    private final JdbcTemplate jdbc;

    public PayoutQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A user's payouts, newest first, optionally of one status and within [from, to). Keyset-paginated:
     * pass the last row's requestedAt and id to get the page after it, stable while new payouts arrive.
     */
    public List<PayoutView> ofUser(String userId, String status, Instant from, Instant to, Instant afterRequestedAt,
                                   String afterId, int limit) {
        return jdbc.query(SELECT + """
                WHERE p.user_id = ? AND (CAST(? AS varchar) IS NULL OR p.status = ?)
                  AND p.requested_at >= ? AND p.requested_at < ?
                  AND (CAST(? AS timestamptz) IS NULL OR (p.requested_at, p.id) < (CAST(? AS timestamptz), ?))
                ORDER BY p.requested_at DESC, p.id DESC LIMIT ?""", VIEW,
                userId, status, status, Timestamp.from(from), Timestamp.from(to), ts(afterRequestedAt),
                ts(afterRequestedAt), afterId, limit);
    }

    /** Every provider's payouts (admin), newest first, optionally of one status; keyset-paginated like {@link #ofUser}. */
    public List<PayoutView> all(String status, Instant afterRequestedAt, String afterId, int limit) {
        return jdbc.query(SELECT + """
                WHERE (CAST(? AS varchar) IS NULL OR p.status = ?)
                  AND (CAST(? AS timestamptz) IS NULL OR (p.requested_at, p.id) < (CAST(? AS timestamptz), ?))
                ORDER BY p.requested_at DESC, p.id DESC LIMIT ?""", VIEW,
                status, status, ts(afterRequestedAt), ts(afterRequestedAt), afterId, limit);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public Optional<PayoutView> byId(String payoutId) {
        return jdbc.query(SELECT + "WHERE p.id = ?", VIEW, payoutId).stream().findFirst();
    }

    /** Wallets with money available whose owner's Connect account is enabled for payouts (the minimum is the caller's). */
    public List<PayableWallet> payableWallets() {
        return jdbc.query("""
                SELECT w.user_id, w.currency, w.available, c.account_id
                FROM wallet_balances w JOIN connect_accounts c ON c.provider_id = w.user_id
                WHERE w.available > 0 AND c.status = 'ENABLED' AND c.payouts_enabled
                ORDER BY w.user_id, w.currency""", (rs, i) -> new PayableWallet(rs.getString("user_id"),
                rs.getString("currency").trim(), rs.getLong("available"), rs.getString("account_id")));
    }
}
