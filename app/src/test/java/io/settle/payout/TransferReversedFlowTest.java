package io.settle.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.gateway.StripeSettings;
import io.settle.testsupport.Api;
import io.settle.testsupport.StripeSignature;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A payout's transfer reversed at Stripe while the payout is in transit: the payout fails, funds return. */
class TransferReversedFlowTest extends PayoutIntegrationTest {

    @Autowired
    private StripeSettings settings;

    @Test
    void transfer_reversed_fails_the_payout_with_the_reason_returns_the_funds_and_alerts() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        releasedBooking(provider);
        awaitWallet(provider, "available", 2700);
        connectWebhooks.delivery().hold(); // payout.paid stays at "Stripe": the payout remains in transit
        try {
            String payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();
            JsonNode inTransit = awaitPayout(provider, payoutId, "IN_TRANSIT");
            String transferId = inTransit.path("transferId").asText();

            Api.Response reversed = api().post("/api/v1/dev/simulator/transfers/" + transferId + "/reverse");
            assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);

            JsonNode failed = awaitPayout(provider, payoutId, "FAILED");
            assertThat(failed.path("failureCode").asText()).isEqualTo("transfer_reversed");
            assertThat(failed.path("failureReason").asText()).contains(transferId);
            awaitWallet(provider, "available", 2700);
            awaitWallet(provider, "reservedForPayout", 0);
            awaitLedger("provider:" + providerId + ":payout-in-transit", 0);
            await().atMost(WAIT).until(() -> admin().get("/api/v1/admin/alerts").body().contains(payoutId));

            // the same report again, as its own signed event: nothing more happens
            String payload = """
                    {"id":"evt_again_%s","object":"event","type":"transfer.reversed","created":%d,"livemode":false,
                     "data":{"object":{"id":"%s","object":"transfer","amount":2700,"amount_reversed":2700,
                     "currency":"usd","reversed":true,"metadata":{"payout_id":"%s","wallet_id":"%s:usd"}}}}"""
                    .formatted(payoutId, Instant.now().getEpochSecond(), transferId, payoutId, providerId);
            Api.Response again = api().header(StripeSignature.HEADER,
                            StripeSignature.header(payload, settings.webhookSecret()))
                    .postRaw("/webhooks/stripe", "application/json", payload);
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            webhooks.awaitIdle(WAIT);
            assertThat(walletField(provider, "available")).isEqualTo(2700);
            assertThat(awaitPayout(provider, payoutId, "FAILED").path("failureCode").asText())
                    .isEqualTo("transfer_reversed");
            assertLedgerBalanced();

            Api.Response retried = admin().post("/api/v1/admin/payouts/" + payoutId + "/retry");
            assertThat(retried.status()).as("the operator can retry it").isEqualTo(201);
        } finally {
            connectWebhooks.delivery().reset();
        }
    }
}
