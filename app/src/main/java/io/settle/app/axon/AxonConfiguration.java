package io.settle.app.axon;

import io.settle.api.MetadataKeys;
import io.settle.app.config.BackgroundThreads;
import io.settle.command.booking.Booking;
import io.settle.command.wallet.Wallet;
import java.util.concurrent.Executor;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * A projection or saga handler that fails is retried (the tracking processor backs off and tries the
     * same event again) instead of logged and skipped: skipping would silently lose a money movement.
     * Handlers are idempotent, so the retry is safe.
     */
    @Bean
    ConfigurerModule retryFailedEventHandlers() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * A provider's wallet gains an event with every booking; without snapshots each command on it would read
     * all of them again. Every {@code settle.snapshots.wallet-events} events loaded, the wallet's state is
     * stored as a snapshot and later loads start from it (docs/operations.md).
     */
    @Bean(Wallet.SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition walletSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${settle.snapshots.wallet-events}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * The wallets most recently used stay in memory, so a busy provider's wallet is not read again (from its
     * snapshot and the events after it) for every booking. {@code settle.aggregate-cache.wallets} (0: off).
     * A command on a cached wallet that another node changed meanwhile conflicts on append, rolls back, which
     * evicts the entry, and is retried on fresh state; see docs/operations.md for running several nodes.
     */
    @Bean(Wallet.CACHE)
    Cache walletCache(@Value("${settle.aggregate-cache.wallets}") int maxEntries) {
        return aggregateCache(maxEntries);
    }

    /**
     * A booking takes its request, payment intent and capture within one API call, then the payment webhook's
     * and the escrow saga's commands within seconds; the most recently used stay in memory so each of those
     * commands does not read the booking's events again. {@code settle.aggregate-cache.bookings} (0: off);
     * the same rules for several nodes as for wallets (docs/operations.md).
     */
    @Bean(Booking.CACHE)
    Cache bookingCache(@Value("${settle.aggregate-cache.bookings}") int maxEntries) {
        return aggregateCache(maxEntries);
    }

    private static Cache aggregateCache(int maxEntries) {
        return maxEntries > 0 ? new BoundedAggregateCache(maxEntries) : NoCache.INSTANCE;
    }

    /**
     * Axon's snapshotter as auto-configured, but taking snapshots on a thread of its own. By default it runs in
     * the committing thread while that thread still holds the aggregate's lock, and needs a second database
     * connection for it: with every connection held by requests queued on that lock (200 concurrent payout
     * requests on one wallet, ConcurrentPayoutRequestsTest) nobody could go on.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory) {
        Executor snapshots = BackgroundThreads.singleDaemon("aggregate-snapshotter");
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshots)
                .build();
    }

    /**
     * Copies who and why from each handled message to everything it causes: command → events,
     * event → saga commands. Replaces Axon's default origin provider, whose "correlationId" (the
     * causing message's id) would overwrite the request's correlation id.
     */
    @Bean
    CorrelationDataProvider settleCorrelationData() {
        return new SimpleCorrelationDataProvider(
                MetadataKeys.USER_ID, MetadataKeys.CORRELATION_ID, MetadataKeys.STRIPE_EVENT_ID);
    }
}
