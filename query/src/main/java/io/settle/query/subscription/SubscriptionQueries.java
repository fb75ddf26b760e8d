package io.settle.query.subscription;

import io.settle.api.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class SubscriptionQueries {

    /** Statuses that still grant the plan (past due is within its grace period). */
    private static final String LIVE = "('TRIALING','ACTIVE','PAST_DUE')";

    private final JdbcTemplate jdbc;

    public SubscriptionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PlanView> plan(String id) {
        return jdbc.query("SELECT * FROM plans WHERE id = ?", SubscriptionQueries::plan, id).stream().findFirst();
    }

    public String stripeProductOf(String planId) {
        return jdbc.queryForList("SELECT stripe_product_id FROM plans WHERE id = ?", String.class, planId)
                .stream().findFirst().orElse(null);
    }

    /** Unarchived plans, cheapest first; {@code ownerId} null means any owner. */
    public List<PlanView> plans(String audience, String ownerId) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT * FROM plans WHERE NOT archived";
        if (audience != null) {
            sql += " AND audience = ?";
            args.add(audience);
        }
        if (ownerId != null) {
            sql += " AND owner_id = ?";
            args.add(ownerId);
        }
        return jdbc.query(sql + " ORDER BY price_amount, name", SubscriptionQueries::plan, args.toArray());
    }

    public Optional<SubscriptionView> subscription(String id) {
        return jdbc.query("SELECT * FROM subscriptions WHERE id = ?", SubscriptionQueries::subscription, id)
                .stream().findFirst();
    }

    public Optional<String> subscriptionIdForStripe(String stripeSubscriptionId) {
        return jdbc.queryForList("SELECT id FROM subscriptions WHERE stripe_subscription_id = ?", String.class,
                stripeSubscriptionId).stream().findFirst();
    }

    /** The user's subscriptions, newest first. */
    public List<SubscriptionView> subscriptionsOf(String subscriberId) {
        return jdbc.query("SELECT * FROM subscriptions WHERE subscriber_id = ? ORDER BY created_at DESC, id DESC",
                SubscriptionQueries::subscription, subscriberId);
    }

    /** A live subscription of the same family: one provider tier, one consumer plan, one fan tier per provider. */
    public Optional<SubscriptionView> liveInFamily(String subscriberId, String audience, String providerId) {
        String sql = "SELECT * FROM subscriptions WHERE subscriber_id = ? AND audience = ? AND status IN " + LIVE;
        List<Object> args = new ArrayList<>(List.of(subscriberId, audience));
        if ("FAN".equals(audience)) {
            sql += " AND provider_id = ?";
            args.add(providerId);
        }
        return jdbc.query(sql, SubscriptionQueries::subscription, args.toArray()).stream().findFirst();
    }

    /** The commission of the provider's live tier, if they have one. */
    public Optional<Integer> tierCommissionBps(String providerId) {
        return jdbc.queryForList("""
                SELECT p.commission_bps FROM subscriptions s JOIN plans p ON p.id = s.plan_id
                WHERE s.subscriber_id = ? AND s.audience = 'PROVIDER_TIER' AND s.status IN """ + LIVE
                + " ORDER BY s.created_at DESC LIMIT 1", Integer.class, providerId).stream().findFirst();
    }

    /**
     * The commission of the provider's tier in force at {@code at} (from the tier history); empty when they
     * were on Free then (no tier, or a tier that had ended). Stripe's times have whole seconds, so changes are
     * compared by their second: a change in the same second as {@code at} is in force at {@code at}.
     */
    public Optional<Integer> tierCommissionBpsAt(String providerId, Instant at) {
        List<Integer> rates = jdbc.query("""
                SELECT commission_bps FROM provider_tier_history
                WHERE provider_id = ? AND date_trunc('second', effective_at) <= ?
                ORDER BY effective_at DESC, event_id DESC LIMIT 1""", (rs, row) -> (Integer) rs.getObject(1),
                providerId, Timestamp.from(at));
        return rates.isEmpty() ? Optional.empty() : Optional.ofNullable(rates.get(0));
    }

    /** The subscription a recorded invoice belongs to. */
    public Optional<String> subscriptionIdOfInvoice(String invoiceId) {
        return jdbc.queryForList("SELECT subscription_id FROM subscription_invoices WHERE id = ?", String.class,
                invoiceId).stream().findFirst();
    }

    /** Newest first; {@code cursor} is the id of the previous page's last invoice. */
    public List<InvoiceView> invoices(String subscriberId, String status, String cursor, int limit) {
        List<Object> args = new ArrayList<>(List.of(subscriberId));
        String sql = "SELECT * FROM subscription_invoices WHERE subscriber_id = ?";
        if (status != null) {
            sql += " AND status = ?";
            args.add(status);
        }
        if (cursor != null) {
            sql += " AND (created_at, id) < (SELECT created_at, id FROM subscription_invoices WHERE id = ?)";
            args.add(cursor);
        }
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
        args.add(limit);
        return jdbc.query(sql, SubscriptionQueries::invoice, args.toArray());
    }

    public Optional<InvoiceView> invoice(String subscriberId, String invoiceId) {
        return jdbc.query("SELECT * FROM subscription_invoices WHERE subscriber_id = ? AND id = ?",
                SubscriptionQueries::invoice, subscriberId, invoiceId).stream().findFirst();
    }

    private static PlanView plan(ResultSet rs, int row) throws SQLException {
        String benefits = rs.getString("benefits");
        return new PlanView(rs.getString("id"), rs.getString("owner_id"), rs.getString("audience"), rs.getString("name"),
                rs.getString("description"), Money.of(rs.getLong("price_amount"), rs.getString("currency").trim()),
                rs.getString("billing_interval"), rs.getInt("trial_days"),
                benefits.isEmpty() ? List.of() : Arrays.asList(benefits.split("\n")),
                (Integer) rs.getObject("commission_bps"), rs.getString("stripe_price_id"), rs.getBoolean("archived"));
    }

    private static SubscriptionView subscription(ResultSet rs, int row) throws SQLException {
        return new SubscriptionView(rs.getString("id"), rs.getString("subscriber_id"), rs.getString("provider_id"),
                rs.getString("audience"), rs.getString("plan_id"), rs.getString("plan_name"),
                Money.of(rs.getLong("price_amount"), rs.getString("currency").trim()),
                rs.getString("stripe_subscription_id"), rs.getString("status"),
                instant(rs.getTimestamp("current_period_start")), instant(rs.getTimestamp("current_period_end")),
                instant(rs.getTimestamp("trial_end")), rs.getBoolean("cancel_at_period_end"),
                instant(rs.getTimestamp("grace_until")), instant(rs.getTimestamp("canceled_at")),
                instant(rs.getTimestamp("created_at")), rs.getString("pending_plan_id"),
                rs.getString("pending_plan_name"), (Long) rs.getObject("pending_price_amount"),
                instant(rs.getTimestamp("pending_effective_at")));
    }

    private static InvoiceView invoice(ResultSet rs, int row) throws SQLException {
        return new InvoiceView(rs.getString("id"), rs.getString("subscription_id"),
                Money.of(rs.getLong("amount"), rs.getString("currency").trim()), rs.getString("status"),
                instant(rs.getTimestamp("period_start")), instant(rs.getTimestamp("period_end")),
                rs.getString("failure_code"), rs.getString("failure_message"), rs.getString("hosted_url"),
                rs.getString("pdf_url"), instant(rs.getTimestamp("created_at")),
                Money.of(rs.getLong("refunded_amount"), rs.getString("currency").trim()));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
