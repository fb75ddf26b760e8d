package io.settle.app.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.api.Money;
import io.settle.api.wallet.WalletCommands.AddCredits;
import io.settle.api.wallet.WalletId;
import io.settle.testsupport.IntegrationTest;
import io.settle.testsupport.StandaloneApp;
import io.settle.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two application instances on one database, racing commands on one wallet: each node locks the
 * aggregate only locally, so they collide on the event sequence; the loser is retried and no update is lost.
 */
class ConcurrentWalletCommandsTest extends IntegrationTest {

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private Environment environment;

    @Test
    void two_nodes_racing_on_one_wallet_lose_no_update() throws Exception {
        String user = "racer_" + UUID.randomUUID().toString().substring(0, 8);
        String wallet = WalletId.of(user, "usd");
        commands.sendAndWait(new AddCredits(wallet, user, "first", Money.of(100, "usd")));
        try (ConfigurableApplicationContext secondNode = secondNode()) {
            CommandGateway other = secondNode.getBean(CommandGateway.class);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Object>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                CommandGateway node = i % 2 == 0 ? commands : other;
                AddCredits command = new AddCredits(wallet, user, "purchase-" + i, Money.of(100, "usd"));
                sent.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return node.sendAndWait(command);
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            pool.shutdown();
        }

        assertThat(eventStore.readEvents(wallet, 0).asStream().count()).isEqualTo(41);
    }

    private ConfigurableApplicationContext secondNode() {
        return StandaloneApp.start(StandaloneApp.args(new TestDatabase.Coordinates(
                environment.getProperty("spring.datasource.url"), environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"))));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
