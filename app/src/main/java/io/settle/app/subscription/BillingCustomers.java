package io.settle.app.subscription;

import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.subscription.BillingGateway;
import io.settle.saga.subscription.BillingGateway.PaymentMethodDetails;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Users' Stripe customers and saved payment methods ({@code billing_customers}, {@code payment_methods}).
 * Only brand, last4 and expiry are kept; card numbers never reach Settle.
 */
@Repository
public class BillingCustomers {

    public record SavedPaymentMethod(String id, String brand, String last4, int expMonth, int expYear,
                                     boolean isDefault) {
    }

    private final JdbcTemplate jdbc;
    private final BillingGateway billing;
    private final Clock clock;

    public BillingCustomers(JdbcTemplate jdbc, BillingGateway billing, Clock clock) {
        this.jdbc = jdbc;
        this.billing = billing;
        this.clock = clock;
    }

    /** The user's Stripe customer, created once (the idempotency key makes a concurrent second call harmless). */
    public String customerFor(String userId) {
        Optional<String> known = find(userId);
        if (known.isPresent()) {
            return known.get();
        }
        String created = billing.createCustomer(userId, "customer:" + userId);
        jdbc.update("INSERT INTO billing_customers (user_id, stripe_customer_id, created_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (user_id) DO NOTHING", userId, created, Timestamp.from(clock.instant()));
        return find(userId).orElseThrow();
    }

    private Optional<String> find(String userId) {
        return jdbc.queryForList("SELECT stripe_customer_id FROM billing_customers WHERE user_id = ?", String.class,
                userId).stream().findFirst();
    }

    public SavedPaymentMethod attach(String userId, String paymentMethodId, boolean makeDefault) {
        String customer = customerFor(userId);
        boolean first = list(userId).isEmpty();
        PaymentMethodDetails details = billing.attachPaymentMethod(customer, paymentMethodId, makeDefault || first);
        boolean isDefault = makeDefault || first;
        if (isDefault) {
            jdbc.update("UPDATE payment_methods SET is_default = false WHERE user_id = ?", userId);
        }
        jdbc.update("""
                INSERT INTO payment_methods (user_id, id, brand, last4, exp_month, exp_year, is_default, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, id) DO UPDATE SET is_default = EXCLUDED.is_default""",
                userId, details.id(), details.brand(), details.last4(), details.expMonth(), details.expYear(),
                isDefault, Timestamp.from(clock.instant()));
        return find(userId, details.id()).orElseThrow();
    }

    public List<SavedPaymentMethod> list(String userId) {
        return jdbc.query("SELECT * FROM payment_methods WHERE user_id = ? ORDER BY created_at, id",
                (rs, row) -> new SavedPaymentMethod(rs.getString("id"), rs.getString("brand"), rs.getString("last4"),
                        rs.getInt("exp_month"), rs.getInt("exp_year"), rs.getBoolean("is_default")), userId);
    }

    /**
     * The intent to pay with {@code paymentMethodId}, naming the user's Stripe customer when the method is one
     * of their saved ones (Stripe refuses a saved method without its customer); one-off cards stay as they are.
     */
    public CreatePaymentIntent withSavedMethodCustomer(String userId, CreatePaymentIntent intent) {
        if (intent.paymentMethodId() == null) {
            return intent;
        }
        // one primary-key lookup on the booking path: the saved method and its owner's customer together
        return jdbc.queryForList("""
                SELECT c.stripe_customer_id FROM payment_methods m JOIN billing_customers c ON c.user_id = m.user_id
                WHERE m.user_id = ? AND m.id = ?""", String.class, userId, intent.paymentMethodId())
                .stream().findFirst().map(intent::forCustomer).orElse(intent);
    }

    public Optional<SavedPaymentMethod> find(String userId, String paymentMethodId) {
        return list(userId).stream().filter(m -> m.id().equals(paymentMethodId)).findFirst();
    }

    public void makeDefault(String userId, String paymentMethodId) {
        billing.setDefaultPaymentMethod(customerFor(userId), paymentMethodId);
        jdbc.update("UPDATE payment_methods SET is_default = (id = ?) WHERE user_id = ?", paymentMethodId, userId);
    }

    public void detach(String userId, String paymentMethodId) {
        billing.detachPaymentMethod(paymentMethodId);
        jdbc.update("DELETE FROM payment_methods WHERE user_id = ? AND id = ?", userId, paymentMethodId);
    }
}
