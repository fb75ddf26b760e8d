package io.settle.app.axon;

import io.settle.api.DomainRuleViolation;
import io.settle.app.config.BackgroundThreads;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kept apart from {@link AxonConfiguration}: the command bus needs that class's beans to exist first. */
@Configuration(proxyBeanMethods = false)
public class CommandDispatchConfiguration {

    @Autowired
    void registerDispatchInterceptors(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new RequestMetadataDispatchInterceptor());
    }

    /**
     * Retries a command that lost an optimistic-locking race on its aggregate to another node (each node
     * locks aggregates only locally): up to 10 times, backing off from 10 ms and doubling.
     *
     * <p>A domain refusal is retried once: wallets and bookings are cached per node, and a copy another node
     * has moved on from can refuse what the current state allows (credits bought through the other node). The
     * refusal rolled back, which evicted the copy, so the retry decides on the events as stored; a second
     * refusal is the answer. Every other failure is answered at once.
     */
    @Bean(destroyMethod = "")
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = BackgroundThreads.singleDaemon("command-retry");
        RetryScheduler backOff = ExponentialBackOffIntervalRetryScheduler.builder()
                .retryExecutor(retries)
                .backoffFactor(10)
                .maxRetryCount(10)
                .nonTransientFailurePredicate(failure -> false) // the filter below already chose
                .build();
        RetryScheduler conflictsAndFirstRefusals = (command, failure, failures, dispatch) ->
                (ConcurrencyConflicts.isConflict(failure)
                        || (Causes.any(failure, DomainRuleViolation.class) && failures.size() == 1))
                        && backOff.scheduleRetry(command, failure, failures, dispatch);
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(conflictsAndFirstRefusals).build();
    }
}
