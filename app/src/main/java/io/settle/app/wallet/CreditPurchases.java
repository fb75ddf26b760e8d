package io.settle.app.wallet;

import io.settle.api.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Credit purchases in flight: the money itself moves only through the customer's Wallet events. */
@Repository
public class CreditPurchases {

    public record Purchase(String id, String customerId, Money amount, String paymentIntentId, String status) {
    }

    private final JdbcTemplate jdbc;

    public CreditPurchases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String id, String customerId, Money amount, Instant at) {
        jdbc.update("""
                INSERT INTO credit_purchases (id, customer_id, amount, currency, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'PENDING', ?, ?)""", id, customerId, amount.amount(), amount.currency(),
                Timestamp.from(at), Timestamp.from(at));
    }

    public void update(String id, String paymentIntentId, String status, String failureCode, Instant at) {
        jdbc.update("""
                UPDATE credit_purchases SET payment_intent_id = COALESCE(?, payment_intent_id), status = ?, failure_code = ?,
                  updated_at = ? WHERE id = ?""", paymentIntentId, status, failureCode, Timestamp.from(at), id);
    }

    public Optional<Purchase> find(String id) {
        return jdbc.query("SELECT * FROM credit_purchases WHERE id = ?", (rs, i) -> new Purchase(rs.getString("id"),
                rs.getString("customer_id"), Money.of(rs.getLong("amount"), rs.getString("currency").trim()),
                rs.getString("payment_intent_id"), rs.getString("status")), id).stream().findFirst();
    }
}
