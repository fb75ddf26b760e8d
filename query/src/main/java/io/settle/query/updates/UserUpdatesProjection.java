package io.settle.query.updates;

import static io.settle.query.SqlTime.ts;

import io.settle.api.booking.BookingEvents.BookingCancelled;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.ChargeDisputeClosed;
import io.settle.api.booking.BookingEvents.ChargeDisputeOpened;
import io.settle.api.booking.BookingEvents.BookingRequested;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.BookingEvents.PaymentCaptured;
import io.settle.api.booking.BookingEvents.PaymentFailed;
import io.settle.api.booking.BookingEvents.PaymentIntentAttached;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.BookingEvents.SessionCompleted;
import io.settle.api.booking.BookingEvents.SessionStarted;
import io.settle.api.payout.PayoutEvents.BankPayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutCanceled;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.payout.PayoutEvents.PayoutSentToBank;
import io.settle.api.payout.PayoutEvents.PayoutTransferred;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCanceled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionCancellationScheduled;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaid;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaymentFailed;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPastDue;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionPlanChanged;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionReactivated;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionStarted;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionUpdated;
import io.settle.api.updates.UserUpdates.FindUserUpdates;
import io.settle.api.updates.UserUpdates.UserUpdate;
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
import io.settle.query.BatchedWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The live-update log: each change a user should hear about becomes a row (its id is the SSE event id)
 * and, unless replaying, an update to that user's open subscription queries. Bookings notify both
 * parties; payments the payer; wallets, payouts and subscriptions their owner.
 */
@Component
@ProcessingGroup("user-updates")
public class UserUpdatesProjection {

    private static final int PAGE = 500;
    private static final int PARTIES_CACHED = 10_000;
    private static final int ROWS_PER_INSERT = 1_000;
    private static final BatchedWrites.Insert UPDATES = new BatchedWrites.Insert(
            "user_updates (event_id, user_id, type, reference, status, created_at)", 6,
            "ON CONFLICT DO NOTHING RETURNING id, event_id, user_id, type");
    private static final BatchedWrites.Insert BOOKING_PARTIES = new BatchedWrites.Insert(
            "user_update_booking_parties (booking_id, customer_id, provider_id)", 3, "ON CONFLICT DO NOTHING");
    private static final BatchedWrites.Insert SUBSCRIBERS = new BatchedWrites.Insert(
            "user_update_subscribers (subscription_id, subscriber_id)", 2, "ON CONFLICT DO NOTHING");
    private static final String ROWS = UserUpdatesProjection.class.getName() + "/rows";

    /**
     * A booking's parties never change, so the most recent bookings' are kept here to spare a query on every
     * booking event (a replay reads them once per booking instead of once per event).
     */
    private final Map<String, List<String>> recentParties = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
                    return size() > PARTIES_CACHED;
                }
            });

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final QueryUpdateEmitter emitter;

    public UserUpdatesProjection(JdbcTemplate jdbc, QueryUpdateEmitter emitter) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, "user-updates");
        this.emitter = emitter;
    }

    record Change(String eventId, Instant at, ReplayStatus replay) {
    }

    @EventHandler
    void on(BookingRequested e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        writes.insert(BOOKING_PARTIES, e.bookingId(), e.customerId(), e.providerId());
        recentParties.put(e.bookingId(), List.of(e.customerId(), e.providerId()));
        booking(e.bookingId(), "REQUESTED", new Change(id, at, replay));
    }

    @EventHandler
    void on(PaymentIntentAttached e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), "PAYMENT_PENDING", new Change(id, at, replay));
    }

    @EventHandler
    void on(PaymentCaptured e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        record(e.customerId(), "payment.updated", e.bookingId(), "succeeded", new Change(id, at, replay));
    }

    @EventHandler
    void on(FundsHeld e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), "PAID", new Change(id, at, replay));
    }

    @EventHandler
    void on(PaymentFailed e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        Change change = new Change(id, at, replay);
        booking(e.bookingId(), "PAYMENT_FAILED", change);
        parties(e.bookingId()).stream().limit(1)
                .forEach(customer -> record(customer, "payment.updated", e.bookingId(), "failed", change));
    }

    @EventHandler
    void on(SessionStarted e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), "IN_PROGRESS", new Change(id, at, replay));
    }

    @EventHandler
    void on(SessionCompleted e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), "COMPLETED", new Change(id, at, replay));
    }

    @EventHandler
    void on(BookingCancelled e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), "CANCELLED", new Change(id, at, replay));
    }

    @EventHandler
    void on(DisputeOpened e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), "DISPUTED", new Change(id, at, replay));
    }

    @EventHandler
    void on(RefundRequested e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), "REFUND_PENDING", new Change(id, at, replay));
    }

    @EventHandler
    void on(EscrowReleased e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), "RELEASED", new Change(id, at, replay));
    }

    @EventHandler
    void on(ChargeDisputeOpened e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), e.statusAfter().name(), new Change(id, at, replay));
    }

    @EventHandler
    void on(ChargeDisputeClosed e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        booking(e.bookingId(), e.statusAfter().name(), new Change(id, at, replay));
    }

    @EventHandler
    void on(BookingRefunded e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        Change change = new Change(id, at, replay);
        booking(e.bookingId(), e.partial() ? "PARTIALLY_REFUNDED" : "REFUNDED", change);
        record(e.customerId(), "payment.updated", e.bookingId(), "refunded", change);
    }

    @EventHandler
    void on(EarningPending e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(EarningReleased e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(PendingEarningReversed e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(CreditsAdded e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(CreditsSpent e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(CreditsReturned e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(PayoutRequested e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        payout(e.userId(), e.walletId(), e.payoutId(), "REQUESTED", new Change(id, at, replay));
    }

    @EventHandler
    void on(PayoutTransferred e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        payout(e.userId(), null, e.payoutId(), "TRANSFERRED", new Change(id, at, replay));
    }

    @EventHandler
    void on(PayoutSentToBank e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        payout(e.userId(), null, e.payoutId(), "IN_TRANSIT", new Change(id, at, replay));
    }

    @EventHandler
    void on(PayoutPaid e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        payout(e.userId(), e.walletId(), e.payoutId(), "PAID", new Change(id, at, replay));
    }

    @EventHandler
    void on(BankPayoutFailed e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        payout(e.userId(), null, e.payoutId(), "BANK_FAILED", new Change(id, at, replay));
    }

    @EventHandler
    void on(PayoutFailed e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        payout(e.userId(), e.walletId(), e.payoutId(), "FAILED", new Change(id, at, replay));
    }

    @EventHandler
    void on(EarningReclaimed e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(EarningRestored e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(DebtSettled e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(PayoutCanceled e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        payout(e.userId(), e.walletId(), e.payoutId(), "CANCELED", new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionEarningCredited e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionEarningReversed e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        wallet(e.userId(), e.walletId(), new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionStarted e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        writes.insert(SUBSCRIBERS, e.subscriptionId(), e.subscriberId());
        subscription(e.subscriptionId(), e.status().name(), new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionUpdated e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        subscription(e.subscriptionId(), e.status().name(), new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionPastDue e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        subscription(e.subscriptionId(), "PAST_DUE", new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionPlanChanged e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        subscription(e.subscriptionId(), null, new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionCancellationScheduled e, @MessageIdentifier String id, @Timestamp Instant at,
            ReplayStatus replay) {
        subscription(e.subscriptionId(), null, new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionReactivated e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        subscription(e.subscriptionId(), null, new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionCanceled e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        subscription(e.subscriptionId(), "CANCELED", new Change(id, at, replay));
    }

    @EventHandler
    void on(SubscriptionInvoicePaid e, @MessageIdentifier String id, @Timestamp Instant at, ReplayStatus replay) {
        Change change = new Change(id, at, replay);
        subscription(e.subscriptionId(), null, change);
        record(e.subscriberId(), "payment.updated", e.subscriptionId(), "succeeded", change);
    }

    @EventHandler
    void on(SubscriptionInvoicePaymentFailed e, @MessageIdentifier String id, @Timestamp Instant at,
            ReplayStatus replay) {
        Change change = new Change(id, at, replay);
        subscription(e.subscriptionId(), null, change);
        record(e.subscriberId(), "payment.updated", e.subscriptionId(), "failed", change);
    }

    @QueryHandler
    public List<UserUpdate> handle(FindUserUpdates query) {
        if (query.afterId() < 0) {
            return List.of();
        }
        return jdbc.query("SELECT * FROM user_updates WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?",
                (rs, i) -> new UserUpdate(rs.getLong("id"), rs.getString("user_id"), rs.getString("type"),
                        rs.getString("reference"), rs.getString("status"), rs.getTimestamp("created_at").toInstant()),
                query.userId(), query.afterId(), PAGE);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE user_updates, user_update_booking_parties, user_update_subscribers RESTART IDENTITY");
        recentParties.clear();
    }

    private void booking(String bookingId, String status, Change change) {
        for (String party : parties(bookingId)) {
            record(party, "booking.updated", bookingId, status, change);
        }
    }

    private void subscription(String subscriptionId, String status, Change change) {
        writes.flush();
        jdbc.queryForList("SELECT subscriber_id FROM user_update_subscribers WHERE subscription_id = ?", String.class,
                subscriptionId).forEach(subscriber -> record(subscriber, "subscription.updated", subscriptionId, status,
                change));
    }

    private void wallet(String userId, String walletId, Change change) {
        record(userId, "wallet.updated", walletId, null, change);
    }

    private void payout(String userId, String walletId, String payoutId, String status, Change change) {
        record(userId, "payout.updated", payoutId, status, change);
        if (walletId != null) {
            wallet(userId, walletId, change);
        }
    }

    /** The customer first, then the provider. */
    private List<String> parties(String bookingId) {
        List<String> cached = recentParties.get(bookingId);
        if (cached != null) {
            return cached;
        }
        writes.flush();
        List<String> parties = jdbc.query(
                "SELECT customer_id, provider_id FROM user_update_booking_parties WHERE booking_id = ?",
                (rs, i) -> List.of(rs.getString(1), rs.getString(2)), bookingId).stream().findFirst().orElse(List.of());
        if (!parties.isEmpty()) {
            recentParties.put(bookingId, parties);
        }
        return parties;
    }

    /**
     * Queued with the processor's batch and written by one multi-row insert before it commits; the users'
     * open subscription queries hear of the rows that were new (not replayed) once the batch has committed,
     * so nobody is told of a change that rolled back.
     */
    private void record(String userId, String type, String reference, String status, Change change) {
        Row row = new Row(change.eventId(), userId, type, reference, status, change.at(), !change.replay().isReplay());
        if (!CurrentUnitOfWork.isStarted()) {
            insert(List.of(row)).forEach(this::emit);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(ROWS, key -> {
            List<Row> rows = new ArrayList<>();
            List<UserUpdate> inserted = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> inserted.addAll(insert(rows)));
            unitOfWork.afterCommit(u -> inserted.forEach(this::emit));
            return rows;
        }).add(row);
    }

    private record Row(String eventId, String userId, String type, String reference, String status, Instant at,
                       boolean live) {
    }

    /** Writes the rows (a row already written for its event is skipped); returns the new live ones. */
    private List<UserUpdate> insert(List<Row> rows) {
        List<UserUpdate> inserted = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            List<Object> args = new ArrayList<>(chunk.size() * 6);
            Map<String, Row> live = new HashMap<>();
            for (Row row : chunk) {
                Collections.addAll(args, row.eventId(), row.userId(), row.type(), row.reference(), row.status(),
                        ts(row.at()));
                if (row.live()) {
                    live.put(key(row.eventId(), row.userId(), row.type()), row);
                }
            }
            jdbc.query(UPDATES.sql(chunk.size()), rs -> {
                Row row = live.get(key(rs.getString("event_id"), rs.getString("user_id"), rs.getString("type")));
                if (row != null) {
                    inserted.add(new UserUpdate(rs.getLong("id"), row.userId(), row.type(), row.reference(),
                            row.status(), row.at()));
                }
            }, args.toArray());
        }
        inserted.sort(Comparator.comparingLong(UserUpdate::id));
        return inserted;
    }

    private static String key(String eventId, String userId, String type) {
        return eventId + '\n' + userId + '\n' + type;
    }

    private void emit(UserUpdate update) {
        emitter.emit(FindUserUpdates.class, q -> q.userId().equals(update.userId()), update);
    }
}
