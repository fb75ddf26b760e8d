package io.settle.query.earnings;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Earnings, revenue and tax figures from the projections: booking earnings count when escrow is
 * released; platform revenue and refunds come from the ledger. All amounts in minor units.
 */
@Repository
public class EarningsQueries {

    public record Bucket(LocalDate period, String currency, long gross, long commission, long net, long bookings,
                         long subscriptions) {
    }

    public record Summary(String currency, long pending, long available, long inTransit, long paidOut,
                          long commissionPaid) {
    }

    public record CommissionByRate(String currency, int commissionBps, long bookings, long commission) {
    }

    public record RevenueBucket(LocalDate period, String currency, long commissions, long subscriptionFees,
                                long refunds) {
    }

    public record TaxLine(String providerId, String currency, long gross, long refunds, long fees, long net,
                          long payouts, long transactions) {
    }

    private final JdbcTemplate jdbc;

    public EarningsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Bucket> earnings(String providerId, Granularity granularity, Instant from, Instant to, String currency) {
        return jdbc.query("""
                SELECT (date_trunc(?, released_at AT TIME ZONE 'UTC'))::date AS period, trim(currency) AS currency,
                  SUM(amount - refunded_amount) AS gross, SUM(platform_fee) AS commission, SUM(provider_amount) AS net,
                  COUNT(*) AS bookings
                FROM bookings
                WHERE provider_id = ? AND released_at >= ? AND released_at < ? AND (CAST(? AS varchar) IS NULL OR currency = ?)
                GROUP BY 1, 2 ORDER BY 1, 2""",
                (rs, i) -> new Bucket(rs.getObject("period", LocalDate.class), rs.getString("currency"),
                        rs.getLong("gross"), rs.getLong("commission"), rs.getLong("net"), rs.getLong("bookings"), 0),
                granularity.name(), providerId, Timestamp.from(from), Timestamp.from(to), currency, currency);
    }

    public List<Summary> summary(String providerId) {
        return jdbc.query("""
                SELECT trim(w.currency) AS currency, w.pending, w.available, w.reserved_for_payout, w.total_withdrawn,
                  COALESCE((SELECT SUM(b.platform_fee) FROM bookings b WHERE b.provider_id = w.user_id
                            AND b.currency = w.currency AND b.released_at IS NOT NULL), 0) AS commission_paid
                FROM wallet_balances w WHERE w.user_id = ? ORDER BY w.currency""",
                (rs, i) -> new Summary(rs.getString("currency"), rs.getLong("pending"), rs.getLong("available"),
                        rs.getLong("reserved_for_payout"), rs.getLong("total_withdrawn"), rs.getLong("commission_paid")),
                providerId);
    }

    public List<CommissionByRate> commissionByRate(String providerId) {
        return jdbc.query("""
                SELECT trim(currency) AS currency, commission_bps, COUNT(*) AS bookings, SUM(platform_fee) AS commission
                FROM bookings WHERE provider_id = ? AND released_at IS NOT NULL
                GROUP BY 1, 2 ORDER BY 1, 2""",
                (rs, i) -> new CommissionByRate(rs.getString("currency"), rs.getInt("commission_bps"),
                        rs.getLong("bookings"), rs.getLong("commission")), providerId);
    }

    /** Platform revenue per period, from the ledger: commissions earned and refunds paid back. */
    public List<RevenueBucket> revenue(Granularity granularity, Instant from, Instant to) {
        return jdbc.query("""
                SELECT (date_trunc(?, created_at AT TIME ZONE 'UTC'))::date AS period, trim(currency) AS currency,
                  -SUM(amount) FILTER (WHERE entry_type = 'COMMISSION' AND account = 'platform:revenue') AS commissions,
                  -SUM(amount) FILTER (WHERE entry_type = 'REFUND' AND account = 'stripe:clearing') AS refunds
                FROM ledger_entries WHERE created_at >= ? AND created_at < ?
                GROUP BY 1, 2 HAVING COUNT(*) FILTER (WHERE entry_type IN ('COMMISSION', 'REFUND')) > 0
                ORDER BY 1, 2""",
                (rs, i) -> new RevenueBucket(rs.getObject("period", LocalDate.class), rs.getString("currency"),
                        rs.getLong("commissions"), 0, rs.getLong("refunds")),
                granularity.name(), Timestamp.from(from), Timestamp.from(to));
    }

    /** Platform commissions per commission rate (the provider's tier when booked). */
    public List<CommissionByRate> revenueByRate(Instant from, Instant to) {
        return jdbc.query("""
                SELECT trim(currency) AS currency, commission_bps, COUNT(*) AS bookings, SUM(platform_fee) AS commission
                FROM bookings WHERE released_at >= ? AND released_at < ? GROUP BY 1, 2 ORDER BY 1, 2""",
                (rs, i) -> new CommissionByRate(rs.getString("currency"), rs.getInt("commission_bps"),
                        rs.getLong("bookings"), rs.getLong("commission")), Timestamp.from(from), Timestamp.from(to));
    }

    /**
     * Per provider and currency for one UTC year (1099-K style): gross charged on bookings paid that year,
     * refunds, platform fees and net on those released, payouts paid that year, and the number of paid
     * bookings. (A provider with payouts but no booking paid in the year has no line.)
     */
    public List<TaxLine> tax(int year, String providerId) {
        Timestamp from = Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        Timestamp to = Timestamp.from(LocalDate.of(year + 1, 1, 1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        return jdbc.query("""
                SELECT b.provider_id, trim(b.currency) AS currency, SUM(b.amount) AS gross,
                  SUM(b.refunded_amount) AS refunds,
                  SUM(b.platform_fee) FILTER (WHERE b.released_at IS NOT NULL) AS fees,
                  SUM(b.provider_amount) FILTER (WHERE b.released_at IS NOT NULL) AS net,
                  (SELECT COALESCE(SUM(p.amount), 0) FROM payouts p WHERE p.user_id = b.provider_id
                     AND p.currency = b.currency AND p.status = 'PAID' AND p.updated_at >= ? AND p.updated_at < ?) AS payouts,
                  COUNT(*) AS transactions
                FROM bookings b
                WHERE b.paid_at >= ? AND b.paid_at < ? AND (CAST(? AS varchar) IS NULL OR b.provider_id = ?)
                GROUP BY b.provider_id, b.currency ORDER BY 1, 2""",
                (rs, i) -> new TaxLine(rs.getString("provider_id"), rs.getString("currency"), rs.getLong("gross"),
                        rs.getLong("refunds"), rs.getLong("fees"), rs.getLong("net"), rs.getLong("payouts"),
                        rs.getLong("transactions")), from, to, from, to, providerId, providerId);
    }
}
