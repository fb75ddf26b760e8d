package io.settle.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.saga.payout.ConnectGateway.Transfer;
import io.settle.testsupport.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayoutFlowTest extends PayoutIntegrationTest {

    @Test
    void onboard_release_manual_payout_paid_withdrawn_and_the_ledger_balanced() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");

        assertThat(provider.get("/api/v1/connect/account").json().path("status").asText()).isEqualTo("NOT_STARTED");
        String accountId = createAccount(provider);
        assertThat(createAccount(provider)).as("created once per provider").isEqualTo(accountId);
        JsonNode onboarding = awaitAccountStatus(provider, "ONBOARDING");
        assertThat(onboarding.path("payoutsEnabled").asBoolean()).isFalse();
        Api.Response dashboardTooEarly = provider.post("/api/v1/connect/account/dashboard-link");
        assertThat(dashboardTooEarly.status()).isEqualTo(409);
        assertThat(dashboardTooEarly.code()).isEqualTo("ONBOARDING_INCOMPLETE");
        Api.Response link = provider.post("/api/v1/connect/account/onboarding-link");
        assertThat(link.status()).as(link.toString()).isEqualTo(200);
        assertThat(link.json().path("url").asText()).contains(accountId);
        assertThat(link.json().path("expiresAt").asText()).isNotEmpty();

        api().post("/api/v1/dev/simulator/accounts/" + accountId + "/complete-onboarding");
        JsonNode enabled = awaitAccountStatus(provider, "ENABLED");
        Api.Response again = provider.post("/api/v1/connect/account", Map.of("country", "US",
                "email", "provider@example.com"));
        assertThat(again.json().path("accountId").asText()).isEqualTo(accountId);
        assertThat(again.json().path("status").asText()).isEqualTo("ENABLED");
        assertThat(enabled.path("payoutsEnabled").asBoolean()).isTrue();
        assertThat(enabled.path("detailsSubmitted").asBoolean()).isTrue();
        assertThat(enabled.path("requirements").path("currentlyDue")).isEmpty();
        assertThat(enabled.path("requirements").has("disabledReason")).isTrue();
        assertThat(provider.post("/api/v1/connect/account/dashboard-link").json().path("url").asText())
                .startsWith("https://");

        String bookingId = releasedBooking(provider);
        awaitWallet(provider, "available", 2700);

        Api.Response requested = provider.post("/api/v1/wallet/payouts", Map.of());
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        assertThat(requested.json().path("status").asText()).isIn("REQUESTED", "TRANSFERRED", "IN_TRANSIT", "PAID");
        assertThat(requested.json().path("amount").path("amount").asLong()).isEqualTo(2700);
        String payoutId = requested.json().path("id").asText();

        JsonNode paid = awaitPayout(provider, payoutId, "PAID");
        assertThat(paid.path("transferId").asText()).startsWith("tr_");
        assertThat(paid.path("stripePayoutId").asText()).startsWith("po_");
        awaitWallet(provider, "totalWithdrawn", 2700);
        awaitWallet(provider, "available", 0);
        awaitWallet(provider, "reservedForPayout", 0);
        awaitLedger("provider:" + providerId + ":payout-in-transit", 0);
        awaitLedger("provider:" + providerId + ":available", 0);
        assertLedgerBalanced();

        List<Transfer> transfers = connect.transfersInGroup("payout:" + payoutId);
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0).destination()).isEqualTo(accountId);
        assertThat(transfers.get(0).amount()).isEqualTo(2700);
        assertThat(transfers.get(0).metadata()).containsEntry("payout_id", payoutId);
        assertThat(connect.sourceTransactionOf(transfers.get(0).id())).as("the booking's charge funds it")
                .startsWith("ch_");
        assertThat(bookingId).isNotEmpty();
    }

    @Test
    void a_transfer_that_times_out_after_it_was_made_is_found_at_stripe_and_never_made_twice() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        releasedBooking(provider);
        awaitWallet(provider, "available", 2700);

        connect.timeOutAfterNextTransfers(1);
        String payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();

        awaitPayout(provider, payoutId, "PAID");
        List<Transfer> transfers = connect.transfersInGroup("payout:" + payoutId);
        System.out.println("Transfers the simulator recorded for payout " + payoutId + ": " + transfers);
        assertThat(transfers).hasSize(1);
        assertThat(connect.transferLookups()).contains("payout:" + payoutId);
        awaitWallet(provider, "totalWithdrawn", 2700);
        assertLedgerBalanced();
    }

    @Test
    void payout_failed_at_the_bank_reverses_the_transfer_returns_the_funds_and_alerts() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        releasedBooking(provider);
        awaitWallet(provider, "available", 2700);

        connect.failNextPayouts(1);
        String payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();

        JsonNode failed = awaitPayout(provider, payoutId, "FAILED");
        assertThat(failed.path("failureCode").asText()).isEqualTo("account_closed");
        awaitWallet(provider, "available", 2700);
        awaitWallet(provider, "reservedForPayout", 0);
        assertThat(walletField(provider, "totalWithdrawn")).isZero();
        String transferId = connect.transfersInGroup("payout:" + payoutId).get(0).id();
        assertThat(connect.reversedTransfers()).contains(transferId);
        awaitLedger("provider:" + providerId + ":payout-in-transit", 0);
        assertLedgerBalanced();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> admin().get("/api/v1/admin/alerts").body()
                .contains(payoutId));
    }

    @Test
    void payout_rules_not_enabled_insufficient_funds_below_minimum() {
        Api stranger = as(newId("prov"), "PROVIDER");
        Api.Response noAccount = stranger.post("/api/v1/wallet/payouts", Map.of());
        assertThat(noAccount.status()).isEqualTo(409);
        assertThat(noAccount.code()).isEqualTo("PAYOUTS_NOT_ENABLED");

        Api restrictedProvider = as(newId("prov"), "PROVIDER");
        String restricted = createAccount(restrictedProvider);
        api().post("/api/v1/dev/simulator/accounts/" + restricted + "/complete-onboarding",
                Map.of("outcome", "restricted"));
        JsonNode status = awaitAccountStatus(restrictedProvider, "RESTRICTED");
        assertThat(status.path("requirements").path("pastDue")).isNotEmpty();
        assertThat(status.path("requirements").path("disabledReason").asText()).isEqualTo("requirements.past_due");
        assertThat(restrictedProvider.post("/api/v1/wallet/payouts", Map.of()).code()).isEqualTo("PAYOUTS_NOT_ENABLED");

        Api provider = as(newId("prov"), "PROVIDER");
        onboardedProvider(provider);
        Api.Response empty = provider.post("/api/v1/wallet/payouts", Map.of());
        assertThat(empty.status()).as(empty.toString()).isEqualTo(402);
        assertThat(empty.code()).isEqualTo("INSUFFICIENT_FUNDS");
        releasedBooking(provider);
        awaitWallet(provider, "available", 2700);
        Api.Response tooMuch = provider.post("/api/v1/wallet/payouts",
                Map.of("amount", Map.of("amount", 2701, "currency", "usd")));
        assertThat(tooMuch.status()).isEqualTo(402);
        assertThat(tooMuch.code()).isEqualTo("INSUFFICIENT_FUNDS");
        Api.Response tooLittle = provider.post("/api/v1/wallet/payouts",
                Map.of("amount", Map.of("amount", 999, "currency", "usd")));
        assertThat(tooLittle.status()).isEqualTo(422);
        assertThat(tooLittle.code()).isEqualTo("BELOW_MINIMUM");
        assertThat(walletField(provider, "available")).isEqualTo(2700);
    }

    @Test
    void the_admin_run_requests_a_payout_for_every_enabled_provider_with_enough_available() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        onboardedProvider(provider);
        releasedBooking(provider);
        awaitWallet(provider, "available", 2700);

        Api.Response run = admin().post("/api/v1/admin/payouts/run");
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        assertThat(run.json().path("requested").asInt()).isGreaterThanOrEqualTo(1);
        awaitWallet(provider, "totalWithdrawn", 2700);
        JsonNode payouts = provider.get("/api/v1/wallet/payouts").json().path("data");
        assertThat(payouts).hasSize(1);
        assertThat(payouts.get(0).path("status").asText()).isEqualTo("PAID");
        assertThat(as(providerId, "CUSTOMER").post("/api/v1/admin/payouts/run").status()).isEqualTo(403);
    }

    @Test
    void connect_webhooks_delivered_twice_apply_once() {
        connectWebhooks.delivery().setCopies(2);
        try {
            String providerId = newId("prov");
            Api provider = as(providerId, "PROVIDER");
            onboardedProvider(provider);
            releasedBooking(provider);
            awaitWallet(provider, "available", 2700);

            String payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();

            awaitPayout(provider, payoutId, "PAID");
            connectWebhooks.awaitIdle(WAIT);
            awaitWallet(provider, "totalWithdrawn", 2700);
            assertThat(walletField(provider, "available")).isZero();
            assertThat(walletField(provider, "reservedForPayout")).isZero();
            awaitLedger("provider:" + providerId + ":payout-in-transit", 0);
            assertLedgerBalanced();
        } finally {
            connectWebhooks.delivery().setCopies(1);
        }
    }
}
