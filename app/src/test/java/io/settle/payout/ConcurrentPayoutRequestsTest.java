package io.settle.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.saga.payout.ConnectGateway.Transfer;
import io.settle.testsupport.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Bank-style check: 200 payout requests at once on one wallet never pay out more than is available. */
class ConcurrentPayoutRequestsTest extends PayoutIntegrationTest {

    @Test
    void two_hundred_concurrent_payout_requests_never_pay_more_than_the_available_balance() throws Exception {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        String accountId = onboardedProvider(provider);
        for (int i = 0; i < 3; i++) {
            releasedBooking(provider);
        }
        awaitWallet(provider, "available", 3 * 2700);

        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            requests.add(CompletableFuture.supplyAsync(() -> {
                awaitStart(start);
                return provider.post("/api/v1/wallet/payouts", Map.of("amount", Map.of("amount", 1000, "currency", "usd")));
            }, pool));
        }
        start.countDown();
        List<Api.Response> responses = requests.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        long accepted = responses.stream().filter(r -> r.status() == 201).count();
        assertThat(responses).allMatch(r -> r.status() == 201 || (r.status() == 402
                && "INSUFFICIENT_FUNDS".equals(r.code())), "every request is either accepted or refused for funds");
        assertThat(accepted).isEqualTo(8); // 8 100 available, 1 000 each
        awaitWallet(provider, "totalWithdrawn", 8000);
        awaitWallet(provider, "available", 100);
        awaitWallet(provider, "reservedForPayout", 0);
        await().atMost(WAIT).until(() -> connect.transfers().stream()
                .filter(t -> t.destination().equals(accountId)).count() == 8);
        long transferred = connect.transfers().stream().filter(t -> t.destination().equals(accountId))
                .mapToLong(Transfer::amount).sum();
        assertThat(transferred).isEqualTo(8000).isLessThanOrEqualTo(3 * 2700);
        assertLedgerBalanced();

        await().atMost(WAIT).until(() -> provider.get("/api/v1/wallet/payouts?status=PAID").json().path("data").size() == 8);
        java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = provider.get("/api/v1/wallet/payouts?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("data").forEach(p -> seen.add(p.path("id").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).hasSize(8);
        assertThat(pages).isEqualTo(3);
        assertThat(provider.get("/api/v1/wallet/payouts?status=FAILED").json().path("data")).isEmpty();
        assertThat(provider.get("/api/v1/wallet/payouts?from=2099-01-01T00:00:00Z").json().path("data")).isEmpty();
        assertThat(provider.get("/api/v1/wallet/payouts?cursor=not-a-cursor").code()).isEqualTo("VALIDATION_ERROR");
        assertThat(provider.get("/api/v1/wallet/payouts?status=LOST").status()).isEqualTo(400);
    }

    private static void awaitStart(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
