package io.settle.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.testsupport.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator's payout actions: list, retry a failed payout, cancel one that has no transfer yet. */
class AdminPayoutActionsTest extends PayoutIntegrationTest {

    @AfterEach
    void noMoreRefusals() {
        connect.refuseConnectionForNextTransfers(0);
    }

    private JsonNode adminPayout(String payoutId, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode payout : admin().get("/api/v1/admin/payouts?status=" + status + "&limit=200").json()
                    .path("data")) {
                if (payoutId.equals(payout.path("id").asText())) {
                    found[0] = payout;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void a_failed_payout_is_listed_for_the_admin_and_retried_once_as_a_new_payout_that_is_paid() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        releasedBooking(provider);
        awaitWallet(provider, "available", 2700);
        connect.failNextPayouts(1);
        String failedId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();
        awaitPayout(provider, failedId, "FAILED");
        awaitWallet(provider, "available", 2700);

        JsonNode listed = adminPayout(failedId, "FAILED");
        assertThat(listed.path("userId").asText()).isEqualTo(providerId);
        assertThat(listed.path("failureCode").asText()).isEqualTo("account_closed");
        assertThat(listed.path("failureReason").asText()).contains("bank");
        assertThat(listed.path("attempts").asInt()).isEqualTo(1);

        Api.Response retried = admin().post("/api/v1/admin/payouts/" + failedId + "/retry");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        String retryId = retried.json().path("id").asText();
        assertThat(retryId).isNotEqualTo(failedId).startsWith("po_");
        assertThat(retried.json().path("amount").path("amount").asLong()).isEqualTo(2700);
        Api.Response again = admin().post("/api/v1/admin/payouts/" + failedId + "/retry");
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().path("id").asText()).as("the same retry, not a second one").isEqualTo(retryId);

        JsonNode paid = awaitPayout(provider, retryId, "PAID");
        assertThat(paid.path("retryOf").asText()).isEqualTo(failedId);
        awaitWallet(provider, "totalWithdrawn", 2700);
        assertThat(walletField(provider, "available")).isZero();
        assertThat(connect.transfersInGroup("payout:" + retryId)).hasSize(1);
        assertThat(adminPayout(failedId, "FAILED").path("retriedBy").asText()).isEqualTo(retryId);
        assertThat(provider.get("/api/v1/wallet/payouts").json().path("data")).hasSize(2);
        awaitLedger("provider:" + providerId + ":payout-in-transit", 0);
        assertLedgerBalanced();

        Api.Response notFailed = admin().post("/api/v1/admin/payouts/" + retryId + "/retry");
        assertThat(notFailed.status()).as(notFailed.toString()).isEqualTo(409);
        assertThat(notFailed.code()).isEqualTo("PAYOUT_NOT_FAILED");
        Api.Response paidNotCancelable = admin().post("/api/v1/admin/payouts/" + retryId + "/cancel");
        assertThat(paidNotCancelable.status()).isEqualTo(409);
        assertThat(paidNotCancelable.code()).isEqualTo("PAYOUT_NOT_CANCELABLE");
        Api.Response failedNotCancelable = admin().post("/api/v1/admin/payouts/" + failedId + "/cancel");
        assertThat(failedNotCancelable.code()).isEqualTo("PAYOUT_NOT_CANCELABLE");
        assertThat(admin().post("/api/v1/admin/payouts/po_unknown/retry").status()).isEqualTo(404);
        assertThat(provider.post("/api/v1/admin/payouts/" + failedId + "/retry").status()).isEqualTo(403);
        assertThat(provider.get("/api/v1/admin/payouts").status()).isEqualTo(403);
    }

    @Test
    void a_payout_waiting_in_backoff_is_canceled_its_funds_return_and_no_transfer_is_ever_made() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        releasedBooking(provider);
        awaitWallet(provider, "available", 2700);
        // every attempt fails before reaching Stripe: the payout sits in backoff (1 s, then 2 s here)
        connect.refuseConnectionForNextTransfers(3);
        String payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();
        awaitPayout(provider, payoutId, "REQUESTED"); // the operator acts on what the payouts list shows

        Api.Response canceled = admin().post("/api/v1/admin/payouts/" + payoutId + "/cancel",
                Map.of("reason", "provider asked to change the bank account"));
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().path("status").asText()).isEqualTo("CANCELED");
        JsonNode listed = awaitPayout(provider, payoutId, "CANCELED");
        assertThat(listed.path("failureReason").asText()).isEqualTo("provider asked to change the bank account");
        awaitWallet(provider, "available", 2700);
        awaitWallet(provider, "reservedForPayout", 0);
        Api.Response repeat = admin().post("/api/v1/admin/payouts/" + payoutId + "/cancel");
        assertThat(repeat.status()).as("canceling again changes nothing").isEqualTo(200);

        // longer than the whole backoff: had the retry not been dropped, the third attempt would have run
        await().pollDelay(Duration.ofSeconds(4)).atMost(WAIT).until(() -> true);
        assertThat(connect.transfersInGroup("payout:" + payoutId)).isEmpty();
        assertThat(awaitPayout(provider, payoutId, "CANCELED").path("attempts").asInt()).isZero();
        assertThat(walletField(provider, "available")).isEqualTo(2700);
        awaitLedger("provider:" + providerId + ":payout-in-transit", 0);
        assertLedgerBalanced();

        Api.Response again = provider.post("/api/v1/wallet/payouts", Map.of());
        assertThat(again.status()).as("the returned funds can be paid out").isEqualTo(201);
    }
}
