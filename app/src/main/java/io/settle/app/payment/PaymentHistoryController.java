package io.settle.app.payment;

import io.settle.api.Money;
import io.settle.app.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Everything the caller was charged, from the read models: bookings (card or credits), credit purchases and
 * subscription invoices (free ones left out), each with one status: pending, succeeded, failed, refunded or
 * canceled.
 */
@RestController
@Validated
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments", description = "The caller's payment history")
public class PaymentHistoryController {

    public record Payment(String id, String kind, String status, Money amount, String reference, Instant createdAt) {
    }

    public record PaymentPage(List<Payment> data, String nextCursor) {
    }

    private static final String HISTORY = """
            WITH history AS (
              SELECT id, 'booking' AS kind,
                CASE WHEN status = 'PAYMENT_FAILED' THEN 'failed'
                     WHEN status IN ('REQUESTED', 'PAYMENT_PENDING') THEN 'pending'
                     WHEN status = 'REFUNDED' THEN 'refunded'
                     WHEN status = 'CANCELLED' AND paid_at IS NULL THEN 'canceled'
                     ELSE 'succeeded' END AS status,
                amount, currency, offering_title AS reference, created_at
              FROM bookings WHERE customer_id = ?
              UNION ALL
              SELECT id, 'credits', lower(status), amount, currency, payment_intent_id, created_at
              FROM credit_purchases WHERE customer_id = ?
              UNION ALL
              SELECT id, 'subscription', CASE WHEN status = 'paid' THEN 'succeeded' ELSE 'failed' END,
                amount, currency, subscription_id, created_at
              FROM subscription_invoices WHERE subscriber_id = ? AND amount > 0
            )
            SELECT * FROM history WHERE (CAST(? AS varchar) IS NULL OR status = ?)
              AND (CAST(? AS varchar) IS NULL OR (created_at, id) < (SELECT created_at, id FROM history WHERE id = ?))
            ORDER BY created_at DESC, id DESC LIMIT ?""";

    private final JdbcTemplate jdbc;

    public PaymentHistoryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    @Operation(summary = "Your charges, newest first: bookings, credit purchases and subscription invoices")
    public PaymentPage list(@RequestParam(required = false)
                            @Pattern(regexp = "pending|succeeded|failed|refunded|canceled") String status,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        String user = CurrentUser.get().id();
        List<Payment> page = new ArrayList<>(jdbc.query(HISTORY, (rs, row) -> new Payment(rs.getString("id"),
                rs.getString("kind"), rs.getString("status"),
                Money.of(rs.getLong("amount"), rs.getString("currency").trim()), rs.getString("reference"),
                rs.getTimestamp("created_at").toInstant()), user, user, user, status, status, cursor, cursor, limit));
        return new PaymentPage(page, page.size() == limit ? page.get(page.size() - 1).id() : null);
    }
}
