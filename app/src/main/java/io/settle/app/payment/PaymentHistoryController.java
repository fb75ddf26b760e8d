package io.settle.app.payment;

import io.settle.api.Money;
import io.settle.app.security.CurrentUser;
import io.settle.app.web.ApiException;
import io.settle.app.web.PageCursor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.sql.Timestamp;
import java.time.Clock;
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
              SELECT id, 'subscription',
                CASE WHEN status <> 'paid' THEN 'failed'
                     WHEN refunded_amount >= amount THEN 'refunded'
                     ELSE 'succeeded' END,
                amount, currency, subscription_id, created_at
              FROM subscription_invoices WHERE subscriber_id = ? AND amount > 0
            )
            SELECT * FROM history
            WHERE (CAST(? AS varchar) IS NULL OR status = ?)
              AND (CAST(? AS varchar) IS NULL OR kind = ?)
              AND created_at >= ? AND created_at < ?
              AND (CAST(? AS varchar) IS NULL OR (created_at, id) < (?, ?))
            ORDER BY created_at DESC, id DESC LIMIT ?""";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PaymentHistoryController(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Your charges, newest first: bookings, credit purchases and subscription invoices",
            description = "Filter by status, type (booking|credits|subscription) and createdAt in [from, to); pages "
                    + "are keyset cursors on (createdAt, id): pass nextCursor as cursor. Rows added meanwhile never "
                    + "shift a page (they are newer than the cursor or not matched).")
    public PaymentPage list(@RequestParam(required = false)
                            @Pattern(regexp = "pending|succeeded|failed|refunded|canceled") String status,
                            @RequestParam(required = false) @Pattern(regexp = "booking|credits|subscription") String type,
                            @RequestParam(required = false) Instant from,
                            @RequestParam(required = false) Instant to,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.validation("from must be before to");
        }
        String user = CurrentUser.get().id();
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        Timestamp afterAt = after == null ? null : Timestamp.from(after.at());
        String afterId = after == null ? null : after.id();
        List<Payment> page = new ArrayList<>(jdbc.query(HISTORY, (rs, row) -> new Payment(rs.getString("id"),
                rs.getString("kind"), rs.getString("status"),
                Money.of(rs.getLong("amount"), rs.getString("currency").trim()), rs.getString("reference"),
                rs.getTimestamp("created_at").toInstant()), user, user, user, status, status, type, type,
                Timestamp.from(from == null ? Instant.EPOCH : from),
                Timestamp.from(to == null ? clock.instant().plusSeconds(1) : to),
                afterId, afterAt, afterId, limit));
        Payment last = page.size() == limit ? page.get(page.size() - 1) : null;
        return new PaymentPage(page, last == null ? null : new PageCursor(last.createdAt(), last.id()).encode());
    }
}
