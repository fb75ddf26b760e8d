package io.settle.app.audit;

import io.settle.api.Money;
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
import io.settle.api.wallet.WalletId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Rebuilds wallet balances as of an instant straight from the Wallet event streams. */
@Component
public class WalletHistory {

    public record WalletAsOf(String walletId, String currency, Instant asOf, long pending, long available,
                             long reservedForPayout, long credits, long totalEarned, long totalWithdrawn, long debt,
                             long events, Instant lastEventAt) {
    }

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;

    public WalletHistory(EventStore eventStore, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    public List<WalletAsOf> asOf(String userId, Instant asOf) {
        List<WalletAsOf> wallets = new ArrayList<>();
        for (String currency : currenciesOf(userId)) {
            String walletId = WalletId.of(userId, currency);
            Fold fold = new Fold();
            eventStore.readEvents(walletId, 0).asStream()
                    .filter(e -> !e.getTimestamp().isAfter(asOf))
                    .forEach(fold::apply);
            if (fold.events > 0) {
                wallets.add(new WalletAsOf(walletId, currency, asOf, fold.pending, fold.available, fold.reserved,
                        fold.credits, fold.earned, fold.withdrawn, fold.debt, fold.events, fold.last));
            }
        }
        return wallets;
    }

    /**
     * The currencies a user has wallets in, only to know which streams to open (every figure returned comes
     * from the events): from the JPA event store's own table, or, when events live in Axon Server, from the
     * wallet projection.
     */
    private List<String> currenciesOf(String userId) {
        String prefix = userId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ":";
        TreeSet<String> currencies = new TreeSet<>(jdbc.queryForList("""
                SELECT DISTINCT substring(aggregate_identifier from length(?) + 1) FROM domain_event_entry
                WHERE type = 'Wallet' AND aggregate_identifier LIKE ? ESCAPE '\\'""", String.class,
                userId + ":", prefix + "%"));
        jdbc.queryForList("SELECT currency FROM wallet_balances WHERE user_id = ?", String.class, userId)
                .forEach(c -> currencies.add(c.trim()));
        return List.copyOf(currencies);
    }

    private static final class Fold {
        long pending;
        long available;
        long reserved;
        long credits;
        long earned;
        long withdrawn;
        long debt;
        long events;
        Instant last;

        void apply(DomainEventMessage<?> message) {
            Object event = message.getPayload();
            events++;
            last = message.getTimestamp();
            if (event instanceof EarningPending e) {
                pending += amount(e.amount());
            } else if (event instanceof EarningReleased e) {
                pending -= amount(e.amount());
                available += amount(e.amount());
                earned += amount(e.amount());
            } else if (event instanceof PendingEarningReversed e) {
                pending -= amount(e.amount());
            } else if (event instanceof CreditsAdded e) {
                credits += amount(e.amount());
            } else if (event instanceof CreditsSpent e) {
                credits -= amount(e.amount());
            } else if (event instanceof CreditsReturned e) {
                credits += amount(e.amount());
            } else if (event instanceof SubscriptionEarningCredited e) {
                available += amount(e.net());
                earned += amount(e.net());
            } else if (event instanceof SubscriptionEarningReversed e) {
                available -= amount(e.net());
                earned -= amount(e.net());
            } else if (event instanceof PayoutRequested e) {
                available -= amount(e.amount());
                reserved += amount(e.amount());
            } else if (event instanceof PayoutPaid e) {
                reserved -= amount(e.amount());
                withdrawn += amount(e.amount());
            } else if (event instanceof PayoutFailed e) {
                reserved -= amount(e.amount());
                available += amount(e.amount());
            } else if (event instanceof PayoutCanceled e) {
                reserved -= amount(e.amount());
                available += amount(e.amount());
            } else if (event instanceof EarningReclaimed e) {
                available -= amount(e.fromAvailable());
                debt += amount(e.toDebt());
                earned -= amount(e.amount());
            } else if (event instanceof EarningRestored e) {
                available += amount(e.amount());
                earned += amount(e.amount());
            } else if (event instanceof DebtSettled e) {
                available -= amount(e.amount());
                debt -= amount(e.amount());
            }
        }

        private static long amount(Money money) {
            return money.amount();
        }
    }
}
