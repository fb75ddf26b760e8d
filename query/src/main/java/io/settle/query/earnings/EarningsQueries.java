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

    /**
     * Platform revenue of one period: {@code commissions} earned (bookings released and fan invoices),
     * {@code commissionsReversed} (fan invoices refunded), {@code subscriptionFees} (provider-tier and consumer
     * invoices) and {@code subscriptionFeesRefunded}; {@code refunds} is all money returned to customers
     * (bookings and invoices); {@code net} what the platform kept.
     */
    public record RevenueBucket(LocalDate period, String currency, long commissions, long subscriptionFees,
                                long refunds, long commissionsReversed, long subscriptionFeesRefunded, long net) {
    }

    /**
     * Platform revenue by provider tier (by name, at the time of each sale): commissions on bookings released
     * (tier when booked) and on fan invoices (tier when paid), fees of the tier's own invoices, and what of
     * those went back in refunds.
     */
    public record TierRevenue(String tier, String currency, long bookings, long bookingCommissions,
                              long fanInvoices, long fanCommissions, long subscriptionFees, long refunded, long net) {
    }

    public record TaxLine(String providerId, String currency, long gross, long refunds, long fees, long net,
                          long payouts, long transactions) {
    }

    private final JdbcTemplate jdbc;

    public EarningsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per period and currency: released bookings (gross = charged − refunded, commission, net) plus fan
     * subscription invoices credited in the period, less their refunds ({@code subscriptions} counts the
     * invoices credited).
     */
    public List<Bucket> earnings(String providerId, Granularity granularity, Instant from, Instant to, String currency) {
        java.util.Map<String, Bucket> merged = new java.util.TreeMap<>();
        for (Bucket b : bookingEarnings(providerId, granularity, from, to, currency)) {
            merged.merge(b.period() + "|" + b.currency(), b, EarningsQueries::add);
        }
        for (Bucket b : subscriptionEarnings(providerId, granularity, from, to, currency)) {
            merged.merge(b.period() + "|" + b.currency(), b, EarningsQueries::add);
        }
        return List.copyOf(merged.values());
    }

    private static Bucket add(Bucket a, Bucket b) {
        return new Bucket(a.period(), a.currency(), a.gross() + b.gross(), a.commission() + b.commission(),
                a.net() + b.net(), a.bookings() + b.bookings(), a.subscriptions() + b.subscriptions());
    }

    /** Fan-subscription earnings from the ledger: each credit or reversal is one event of up to three lines. */
    private List<Bucket> subscriptionEarnings(String providerId, Granularity granularity, Instant from, Instant to,
                                              String currency) {
        String account = "provider:" + providerId + ":available";
        return jdbc.query("""
                SELECT (date_trunc(?, l.created_at AT TIME ZONE 'UTC'))::date AS period, trim(l.currency) AS currency,
                  COALESCE(SUM(l.amount) FILTER (WHERE l.account = 'stripe:clearing'), 0) AS gross,
                  COALESCE(-SUM(l.amount) FILTER (WHERE l.account = 'platform:revenue'), 0) AS commission,
                  COALESCE(-SUM(l.amount) FILTER (WHERE l.account = ?), 0) AS net,
                  COUNT(*) FILTER (WHERE l.account = ? AND l.entry_type = 'SUBSCRIPTION_REVENUE') AS subscriptions
                FROM ledger_entries l
                WHERE l.event_id IN (SELECT event_id FROM ledger_entries WHERE account = ?
                                       AND entry_type IN ('SUBSCRIPTION_REVENUE', 'SUBSCRIPTION_REVERSAL'))
                  AND l.created_at >= ? AND l.created_at < ? AND (CAST(? AS varchar) IS NULL OR l.currency = ?)
                GROUP BY 1, 2 ORDER BY 1, 2""",
                (rs, i) -> new Bucket(rs.getObject("period", LocalDate.class), rs.getString("currency"),
                        rs.getLong("gross"), rs.getLong("commission"), rs.getLong("net"), 0,
                        rs.getLong("subscriptions")),
                granularity.name(), account, account, account, Timestamp.from(from), Timestamp.from(to), currency,
                currency);
    }

    private List<Bucket> bookingEarnings(String providerId, Granularity granularity, Instant from, Instant to,
                                         String currency) {
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

    private static final String PLATFORM_ACCOUNTS = "('platform:revenue', 'platform:subscription-fees')";
    private static final String CUSTOMER_REFUNDS = "('REFUND', 'SUBSCRIPTION_REVERSAL', 'SUBSCRIPTION_FEE_REFUND')";

    /** Platform revenue per period, from the ledger's platform accounts and the refunds out of clearing. */
    public List<RevenueBucket> revenue(Granularity granularity, Instant from, Instant to) {
        return jdbc.query("""
                SELECT (date_trunc(?, created_at AT TIME ZONE 'UTC'))::date AS period, trim(currency) AS currency,
                  COALESCE(-SUM(amount) FILTER (WHERE account = 'platform:revenue'
                    AND entry_type IN ('COMMISSION', 'SUBSCRIPTION_REVENUE')), 0) AS commissions,
                  COALESCE(SUM(amount) FILTER (WHERE account = 'platform:revenue'
                    AND entry_type = 'SUBSCRIPTION_REVERSAL'), 0) AS commissions_reversed,
                  COALESCE(-SUM(amount) FILTER (WHERE account = 'platform:subscription-fees'
                    AND entry_type = 'SUBSCRIPTION_FEE'), 0) AS subscription_fees,
                  COALESCE(SUM(amount) FILTER (WHERE account = 'platform:subscription-fees'
                    AND entry_type = 'SUBSCRIPTION_FEE_REFUND'), 0) AS subscription_fees_refunded,
                  COALESCE(-SUM(amount) FILTER (WHERE account = 'stripe:clearing'
                    AND entry_type IN """ + CUSTOMER_REFUNDS + "), 0) AS refunds," + """
                  COALESCE(-SUM(amount) FILTER (WHERE account IN """ + PLATFORM_ACCOUNTS + "), 0) AS net" + """

                FROM ledger_entries WHERE created_at >= ? AND created_at < ?
                GROUP BY 1, 2
                HAVING COUNT(*) FILTER (WHERE account IN """ + PLATFORM_ACCOUNTS + """
                   OR (account = 'stripe:clearing' AND entry_type IN """ + CUSTOMER_REFUNDS + ")) > 0" + """

                ORDER BY 1, 2""",
                (rs, i) -> new RevenueBucket(rs.getObject("period", LocalDate.class), rs.getString("currency"),
                        rs.getLong("commissions"), rs.getLong("subscription_fees"), rs.getLong("refunds"),
                        rs.getLong("commissions_reversed"), rs.getLong("subscription_fees_refunded"), rs.getLong("net")),
                granularity.name(), Timestamp.from(from), Timestamp.from(to));
    }

    private static final String TIER_AT = """
             LEFT JOIN LATERAL (SELECT h.plan_name FROM provider_tier_history h
                               WHERE h.provider_id = %s AND h.effective_at <= %s
                               ORDER BY h.effective_at DESC, h.event_id DESC LIMIT 1) t ON true""";

    /** Platform revenue per provider tier by name; {@code freeName} names providers without a tier. */
    public List<TierRevenue> revenueByTier(Instant from, Instant to, String freeName) {
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        return jdbc.query("""
                WITH src AS (
                  SELECT COALESCE(t.plan_name, ?) AS tier, trim(b.currency) AS currency, 'booking' AS kind,
                    b.platform_fee AS amount
                  FROM bookings b
                  """ + TIER_AT.formatted("b.provider_id", "b.created_at") + """

                  WHERE b.released_at >= ? AND b.released_at < ?
                  UNION ALL
                  SELECT COALESCE(t.plan_name, ?), trim(l.currency),
                    CASE WHEN l.amount < 0 THEN 'fan' ELSE 'fan_reversal' END, abs(l.amount)
                  FROM ledger_entries l JOIN subscription_invoices i ON i.id = l.reference
                  """ + TIER_AT.formatted("i.provider_id", "COALESCE(i.paid_at, i.created_at)") + """

                  WHERE l.account = 'platform:revenue' AND l.entry_type IN ('SUBSCRIPTION_REVENUE', 'SUBSCRIPTION_REVERSAL')
                    AND l.created_at >= ? AND l.created_at < ?
                  UNION ALL
                  SELECT p.name, trim(l.currency), CASE WHEN l.amount < 0 THEN 'fee' ELSE 'fee_refund' END, abs(l.amount)
                  FROM ledger_entries l JOIN subscription_invoices i ON i.id = l.reference
                    JOIN plans p ON p.id = i.plan_id
                  WHERE l.account = 'platform:subscription-fees' AND i.audience = 'PROVIDER_TIER'
                    AND l.created_at >= ? AND l.created_at < ?
                )
                SELECT tier, currency,
                  COUNT(*) FILTER (WHERE kind = 'booking') AS bookings,
                  COALESCE(SUM(amount) FILTER (WHERE kind = 'booking'), 0) AS booking_commissions,
                  COUNT(*) FILTER (WHERE kind = 'fan') AS fan_invoices,
                  COALESCE(SUM(amount) FILTER (WHERE kind = 'fan'), 0) AS fan_commissions,
                  COALESCE(SUM(amount) FILTER (WHERE kind = 'fee'), 0) AS subscription_fees,
                  COALESCE(SUM(amount) FILTER (WHERE kind IN ('fan_reversal', 'fee_refund')), 0) AS refunded
                FROM src GROUP BY 1, 2 ORDER BY 2, 1""",
                (rs, i) -> {
                    long bookingCommissions = rs.getLong("booking_commissions");
                    long fan = rs.getLong("fan_commissions");
                    long fees = rs.getLong("subscription_fees");
                    long refunded = rs.getLong("refunded");
                    return new TierRevenue(rs.getString("tier"), rs.getString("currency"), rs.getLong("bookings"),
                            bookingCommissions, rs.getLong("fan_invoices"), fan, fees, refunded,
                            bookingCommissions + fan + fees - refunded);
                },
                freeName, start, end, freeName, start, end, start, end);
    }

    /**
     * One UTC day of platform activity: {@code revenue} is gross sales recognised that day, {@code commission}
     * the platform's commission on them.
     */
    public record DailyRevenue(LocalDate day, String currency, long revenue, long commission) {
    }

    /**
     * Per UTC day and currency, from the ledger: gross revenue recognised (bookings released: the provider's
     * share plus the commission; fan subscription invoices; provider-tier and consumer invoices, each less
     * its refunds) and the commission (net credits to {@code platform:revenue}: bookings and fan invoices).
     * Days without activity are absent.
     */
    public List<DailyRevenue> dailyRevenue(Instant from, Instant to) {
        return jdbc.query("""
                SELECT (created_at AT TIME ZONE 'UTC')::date AS day, trim(currency) AS currency,
                  COALESCE(-SUM(amount) FILTER (WHERE (entry_type = 'EARNING_RELEASED' AND account LIKE 'provider:%:available')
                                                  OR (entry_type = 'COMMISSION' AND account = 'platform:revenue')), 0)
                  + COALESCE(SUM(amount) FILTER (WHERE account = 'stripe:clearing' AND entry_type IN
                      ('SUBSCRIPTION_REVENUE', 'SUBSCRIPTION_REVERSAL', 'SUBSCRIPTION_FEE', 'SUBSCRIPTION_FEE_REFUND')), 0)
                    AS revenue,
                  COALESCE(-SUM(amount) FILTER (WHERE account = 'platform:revenue'), 0) AS commission
                FROM ledger_entries WHERE created_at >= ? AND created_at < ?
                GROUP BY 1, 2 ORDER BY 1, 2""",
                (rs, i) -> new DailyRevenue(rs.getObject("day", LocalDate.class), rs.getString("currency"),
                        rs.getLong("revenue"), rs.getLong("commission")), Timestamp.from(from), Timestamp.from(to));
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
