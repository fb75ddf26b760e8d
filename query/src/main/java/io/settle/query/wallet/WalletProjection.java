package io.settle.query.wallet;

import static io.settle.query.SqlTime.ts;

import io.settle.api.Money;
import io.settle.query.BatchedWrites;
import io.settle.api.payout.PayoutEvents.PayoutCanceled;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.wallet.SubscriptionEarningEvents.SubscriptionEarningCredited;
import io.settle.api.wallet.SubscriptionEarningEvents.SubscriptionEarningReversed;
import io.settle.api.wallet.WalletEvents.CreditsAdded;
import io.settle.api.wallet.WalletEvents.CreditsReturned;
import io.settle.api.wallet.WalletEvents.CreditsSpent;
import io.settle.api.wallet.WalletEvents.DebtSettled;
import io.settle.api.wallet.WalletEvents.EarningReclaimed;
import io.settle.api.wallet.WalletEvents.EarningRestored;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletEvents.EarningReleased;
import io.settle.api.wallet.WalletEvents.PendingEarningReversed;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code wallet_balances} and {@code wallet_transactions}: each wallet event writes one transaction row
 * per balance it changes (with the balance before and after) and updates the totals, once per event id.
 */
@Component
@ProcessingGroup("wallets")
public class WalletProjection {

    enum Balance {
        PENDING("pending"), AVAILABLE("available"), CREDITS("credits"), RESERVED("reserved_for_payout"), DEBT("debt");

        final String column;

        Balance(String column) {
            this.column = column;
        }
    }

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public WalletProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, "wallets");
    }

    @EventHandler
    void on(EarningPending e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "EARNING_PENDING", Balance.PENDING, e.amount(), e.bookingId(), at);
    }

    @EventHandler
    void on(EarningReleased e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "EARNING_RELEASED", Balance.PENDING, e.amount().negate(), e.bookingId(), at);
        change(eventId, e.userId(), "EARNING_RELEASED", Balance.AVAILABLE, e.amount(), e.bookingId(), at,
                e.amount().amount(), 0);
    }

    @EventHandler
    void on(PendingEarningReversed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "EARNING_REVERSED", Balance.PENDING, e.amount().negate(), e.bookingId(), at);
    }

    /** Taken back after release: available as far as it went, the rest as debt; earnings shrink by the whole. */
    @EventHandler
    void on(EarningReclaimed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        long earned = -e.amount().amount(); // with the first balance change, so once
        if (e.fromAvailable().positive()) {
            change(eventId, e.userId(), "EARNING_RECLAIMED", Balance.AVAILABLE, e.fromAvailable().negate(),
                    e.bookingId(), at, earned, 0);
            earned = 0;
        }
        if (e.toDebt().positive()) {
            change(eventId, e.userId(), "EARNING_RECLAIMED", Balance.DEBT, e.toDebt(), e.bookingId(), at, earned, 0);
        }
    }

    @EventHandler
    void on(EarningRestored e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "EARNING_RESTORED", Balance.AVAILABLE, e.amount(), e.bookingId(), at,
                e.amount().amount(), 0);
    }

    @EventHandler
    void on(DebtSettled e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "DEBT_SETTLED", Balance.AVAILABLE, e.amount().negate(), e.source(), at);
        change(eventId, e.userId(), "DEBT_SETTLED", Balance.DEBT, e.amount().negate(), e.source(), at);
    }

    @EventHandler
    void on(CreditsAdded e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "CREDITS_PURCHASED", Balance.CREDITS, e.amount(), e.purchaseId(), at);
    }

    @EventHandler
    void on(CreditsSpent e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "CREDITS_SPENT", Balance.CREDITS, e.amount().negate(), e.bookingId(), at);
    }

    @EventHandler
    void on(CreditsReturned e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "CREDITS_RETURNED", Balance.CREDITS, e.amount(), e.bookingId(), at);
    }

    @EventHandler
    void on(PayoutRequested e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "PAYOUT_RESERVED", Balance.AVAILABLE, e.amount().negate(), e.payoutId(), at);
        change(eventId, e.userId(), "PAYOUT_RESERVED", Balance.RESERVED, e.amount(), e.payoutId(), at);
    }

    @EventHandler
    void on(PayoutPaid e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "PAYOUT_PAID", Balance.RESERVED, e.amount().negate(), e.payoutId(), at,
                0, e.amount().amount());
    }

    @EventHandler
    void on(PayoutFailed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "PAYOUT_RETURNED", Balance.RESERVED, e.amount().negate(), e.payoutId(), at);
        change(eventId, e.userId(), "PAYOUT_RETURNED", Balance.AVAILABLE, e.amount(), e.payoutId(), at);
    }

    @EventHandler
    void on(PayoutCanceled e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "PAYOUT_CANCELED", Balance.RESERVED, e.amount().negate(), e.payoutId(), at);
        change(eventId, e.userId(), "PAYOUT_CANCELED", Balance.AVAILABLE, e.amount(), e.payoutId(), at);
    }

    @EventHandler
    void on(SubscriptionEarningCredited e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "SUBSCRIPTION_EARNING", Balance.AVAILABLE, e.net(), e.invoiceId(), at,
                e.net().amount(), 0);
    }

    @EventHandler
    void on(SubscriptionEarningReversed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        change(eventId, e.userId(), "SUBSCRIPTION_REVERSAL", Balance.AVAILABLE, e.net().negate(), e.invoiceId(), at,
                -e.net().amount(), 0);
    }

    @ResetHandler
    void reset() {
        // ids restart too, so a replay usually rebuilds the same ids; rows are identified by event_id
        jdbc.execute("TRUNCATE wallet_transactions, wallet_balances RESTART IDENTITY");
    }

    private void change(String eventId, String userId, String type, Balance balance, Money delta, String reference,
                        Instant at) {
        change(eventId, userId, type, balance, delta, reference, at, 0, 0);
    }

    /**
     * Applies a signed change to one balance, and the given changes to the wallet's totals, unless this event
     * already changed that balance. One statement, queued with the processor's batch: the balance before is
     * read (and locked) in it, the transaction row is written once per event and balance, and only a newly
     * written row changes the balances.
     */
    private void change(String eventId, String userId, String type, Balance balance, Money delta, String reference,
                        Instant at, long totalEarned, long totalWithdrawn) {
        writes.update("""
                WITH current AS (
                  SELECT %1$s AS value FROM wallet_balances WHERE user_id = ? AND currency = ? FOR UPDATE
                ), tx AS (
                  INSERT INTO wallet_transactions (event_id, user_id, currency, type, balance, amount, balance_before,
                    balance_after, reference, created_at)
                  SELECT ?, ?, ?, ?, ?, ?, before.value, before.value + ?, ?, ?::timestamptz
                  FROM (SELECT COALESCE((SELECT value FROM current), 0) AS value) before
                  ON CONFLICT (event_id, balance) DO NOTHING
                  RETURNING amount
                )
                INSERT INTO wallet_balances AS b (user_id, currency, %1$s, total_earned, total_withdrawn, updated_at)
                SELECT ?, ?, tx.amount, ?::bigint, ?::bigint, ?::timestamptz FROM tx
                ON CONFLICT (user_id, currency) DO UPDATE SET %1$s = b.%1$s + EXCLUDED.%1$s,
                  total_earned = b.total_earned + EXCLUDED.total_earned,
                  total_withdrawn = b.total_withdrawn + EXCLUDED.total_withdrawn, updated_at = EXCLUDED.updated_at"""
                        .formatted(balance.column),
                userId, delta.currency(),
                eventId, userId, delta.currency(), type, balance.name(), delta.amount(), delta.amount(), reference,
                ts(at),
                userId, delta.currency(), totalEarned, totalWithdrawn, ts(at));
    }
}
