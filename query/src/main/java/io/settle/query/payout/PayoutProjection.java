package io.settle.query.payout;

import static io.settle.query.SqlTime.ts;

import io.settle.api.payout.PayoutEvents.BankPayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutCanceled;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.payout.PayoutEvents.PayoutRetried;
import io.settle.api.payout.PayoutEvents.PayoutSentToBank;
import io.settle.api.payout.PayoutEvents.PayoutTransferred;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code payouts}: one row per payout. Status updates never leave a final state (PAID, FAILED, CANCELED), so a
 * replayed or late event cannot move a payout back.
 */
@Component
@ProcessingGroup("payouts")
public class PayoutProjection {

    private static final String OPEN = "status NOT IN ('PAID', 'FAILED', 'CANCELED')";

    private final JdbcTemplate jdbc;

    public PayoutProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PayoutRequested e, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO payouts (id, user_id, account_id, amount, currency, status, attempts, requested_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'REQUESTED', 0, ?, ?) ON CONFLICT (id) DO NOTHING""",
                e.payoutId(), e.userId(), e.accountId(), e.amount().amount(), e.amount().currency(), ts(at), ts(at));
    }

    @EventHandler
    void on(PayoutTransferred e, @Timestamp Instant at) {
        jdbc.update("UPDATE payouts SET transfer_id = ?, status = CASE WHEN status = 'REQUESTED' THEN 'TRANSFERRED' "
                + "ELSE status END, updated_at = ? WHERE id = ?", e.transferId(), ts(at), e.payoutId());
    }

    @EventHandler
    void on(PayoutSentToBank e, @Timestamp Instant at) {
        jdbc.update("UPDATE payouts SET stripe_payout_id = ?, status = 'IN_TRANSIT', updated_at = ? WHERE id = ? AND "
                + OPEN, e.stripePayoutId(), ts(at), e.payoutId());
    }

    @EventHandler
    void on(PayoutPaid e, @Timestamp Instant at) {
        jdbc.update("UPDATE payouts SET stripe_payout_id = ?, status = 'PAID', updated_at = ? WHERE id = ?",
                e.stripePayoutId(), ts(at), e.payoutId());
    }

    @EventHandler
    void on(BankPayoutFailed e, @Timestamp Instant at) {
        jdbc.update("UPDATE payouts SET failure_code = ?, failure_reason = ?, updated_at = ? WHERE id = ? AND " + OPEN,
                e.failureCode(), e.failureMessage(), ts(at), e.payoutId());
    }

    @EventHandler
    void on(PayoutFailed e, @Timestamp Instant at) {
        jdbc.update("UPDATE payouts SET status = 'FAILED', failure_code = ?, failure_reason = ?, attempts = ?, "
                + "updated_at = ? WHERE id = ?", e.failureCode(), e.reason(), e.attempts(), ts(at), e.payoutId());
    }

    /** Canceled by an admin: code {@code canceled}, the admin's reason as the reason. */
    @EventHandler
    void on(PayoutCanceled e, @Timestamp Instant at) {
        jdbc.update("UPDATE payouts SET status = 'CANCELED', failure_code = 'canceled', failure_reason = ?, "
                + "updated_at = ? WHERE id = ?", e.reason(), ts(at), e.payoutId());
    }

    @EventHandler
    void on(PayoutRetried e, @Timestamp Instant at) {
        jdbc.update("UPDATE payouts SET retried_by = ?, updated_at = ? WHERE id = ?", e.retryPayoutId(), ts(at),
                e.failedPayoutId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM payouts");
    }
}
