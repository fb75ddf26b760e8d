package io.settle.app.gateway.stripe.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.settle.app.gateway.StripeSettings;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentGatewayException.Kind;
import io.settle.saga.payout.ConnectGateway.AccountLink;
import io.settle.saga.payout.ConnectGateway.BankPayout;
import io.settle.saga.payout.ConnectGateway.ConnectedAccount;
import io.settle.saga.payout.ConnectGateway.CreatePayout;
import io.settle.saga.payout.ConnectGateway.CreateTransfer;
import io.settle.saga.payout.ConnectGateway.Transfer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stripe-java Connect adapter against WireMock standing in for api.stripe.com: what goes over the wire. */
class StripeConnectGatewayTest {

    private static final String SECRET_KEY = "sk_test_51SettleWireMockTestKey";
    private static final String ACCOUNT = "acct_1QzK9aLkdIwHu7ix";
    private static final Map<String, String> METADATA =
            Map.of("payout_id", "po_123", "wallet_id", "prov_1:usd", "user_id", "prov_1");

    private WireMockServer stripe;
    private StripeConnectGateway gateway;

    @BeforeEach
    void start() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
        StripeSettings settings = new StripeSettings(StripeSettings.STRIPE, SECRET_KEY, "pk_test_51SettleWireMock",
                "whsec_wiremock", "", stripe.baseUrl());
        gateway = new StripeConnectGateway(settings, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    @Test
    void creates_an_express_account_with_a_manual_payout_schedule() {
        stripe.stubFor(post("/v1/accounts").willReturn(okJson("""
                {"id": "%s", "object": "account", "type": "express", "charges_enabled": false,
                 "payouts_enabled": false, "details_submitted": false, "metadata": {"provider_id": "prov_1"}}
                """.formatted(ACCOUNT))));

        ConnectedAccount account = gateway.createAccount("US", "p@example.com", Map.of("provider_id", "prov_1"),
                "connect:prov_1:account");

        assertThat(account).isEqualTo(new ConnectedAccount(ACCOUNT, false, false, false));
        LoggedRequest request = only(postRequestedFor(urlPathEqualTo("/v1/accounts")));
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("connect:prov_1:account");
        assertThat(form(request)).containsAllEntriesOf(Map.of(
                "type", "express",
                "country", "US",
                "email", "p@example.com",
                "capabilities[transfers][requested]", "true",
                "settings[payouts][schedule][interval]", "manual",
                "metadata[provider_id]", "prov_1"));
    }

    @Test
    void creates_an_onboarding_account_link() {
        stripe.stubFor(post("/v1/account_links").willReturn(okJson("""
                {"object": "account_link", "created": 1795298412, "expires_at": 1795298712,
                 "url": "https://connect.stripe.com/setup/e/%s/Xyz"}""".formatted(ACCOUNT))));

        AccountLink link = gateway.createOnboardingLink(ACCOUNT, "https://settle.example/connect/refresh",
                "https://settle.example/connect/return");

        assertThat(link).isEqualTo(new AccountLink("https://connect.stripe.com/setup/e/" + ACCOUNT + "/Xyz",
                Instant.ofEpochSecond(1795298712)));
        assertThat(form(only(postRequestedFor(urlPathEqualTo("/v1/account_links"))))).isEqualTo(Map.of(
                "account", ACCOUNT,
                "type", "account_onboarding",
                "refresh_url", "https://settle.example/connect/refresh",
                "return_url", "https://settle.example/connect/return"));
    }

    @Test
    void creates_an_express_dashboard_login_link() {
        stripe.stubFor(post("/v1/accounts/" + ACCOUNT + "/login_links").willReturn(okJson("""
                {"object": "login_link", "created": 1795298412, "url": "https://connect.stripe.com/express/Ab12"}""")));

        assertThat(gateway.createLoginLink(ACCOUNT)).isEqualTo("https://connect.stripe.com/express/Ab12");
        only(postRequestedFor(urlPathEqualTo("/v1/accounts/" + ACCOUNT + "/login_links")));
    }

    @Test
    void a_login_link_before_onboarding_is_a_permanent_failure() {
        stripe.stubFor(post("/v1/accounts/" + ACCOUNT + "/login_links").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "invalid_request_error", "code": "account_invalid",
                         "message": "Cannot create a login link for an account that has not completed onboarding."}}""")));

        assertThatThrownBy(() -> gateway.createLoginLink(ACCOUNT)).isInstanceOfSatisfying(
                PaymentGatewayException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
    }

    @Test
    void creates_a_transfer_with_idempotency_key_group_source_transaction_and_metadata() {
        stripe.stubFor(post("/v1/transfers").willReturn(okJson(transferJson())));

        Transfer transfer = gateway.createTransfer(new CreateTransfer(ACCOUNT, 2700, "usd", "payout:po_123",
                "ch_3QzK8fLkdIwHu7ix1Kq7aZ2m", METADATA, "payout:po_123:transfer"));

        assertThat(transfer).isEqualTo(new Transfer("tr_1QzKAbLkdIwHu7ix", ACCOUNT, 2700, "usd", "payout:po_123",
                METADATA));
        LoggedRequest request = only(postRequestedFor(urlPathEqualTo("/v1/transfers")));
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("payout:po_123:transfer");
        assertThat(request.getHeader("Stripe-Account")).isNull();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("amount", "2700");
        expected.put("currency", "usd");
        expected.put("destination", ACCOUNT);
        expected.put("transfer_group", "payout:po_123");
        expected.put("source_transaction", "ch_3QzK8fLkdIwHu7ix1Kq7aZ2m");
        expected.put("metadata[payout_id]", "po_123");
        expected.put("metadata[wallet_id]", "prov_1:usd");
        expected.put("metadata[user_id]", "prov_1");
        assertThat(form(request)).isEqualTo(expected);
    }

    @Test
    void finds_a_transfer_by_transfer_group_and_payout_metadata() {
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).willReturn(okJson("""
                {"object": "list", "url": "/v1/transfers", "has_more": false, "data": [%s]}""".formatted(transferJson()))));

        Optional<Transfer> found = gateway.findTransfer("payout:po_123", "po_123");
        Optional<Transfer> other = gateway.findTransfer("payout:po_123", "po_999");

        assertThat(found).map(Transfer::id).contains("tr_1QzKAbLkdIwHu7ix");
        assertThat(other).isEmpty();
        List<LoggedRequest> lists = stripe.findAll(getRequestedFor(urlPathEqualTo("/v1/transfers")));
        assertThat(lists).hasSize(2);
        assertThat(lists.get(0).queryParameter("transfer_group").firstValue()).isEqualTo("payout:po_123");
    }

    @Test
    void a_transfer_that_times_out_is_transient() {
        stripe.stubFor(post("/v1/transfers").willReturn(okJson(transferJson()).withFixedDelay(1500)));
        StripeConnectGateway impatient = new StripeConnectGateway(new StripeSettings(StripeSettings.STRIPE, SECRET_KEY,
                "pk_test_51SettleWireMock", "whsec_wiremock", "", stripe.baseUrl()), Duration.ofSeconds(1),
                Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.createTransfer(new CreateTransfer(ACCOUNT, 2700, "usd", "payout:po_123", null,
                METADATA, "payout:po_123:transfer"))).isInstanceOfSatisfying(PaymentGatewayException.class,
                e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void creates_a_payout_on_the_connected_account_with_the_stripe_account_header() {
        stripe.stubFor(post("/v1/payouts").willReturn(okJson("""
                {"id": "po_1QzKCdLkdIwHu7ix", "object": "payout", "amount": 2700, "currency": "usd",
                 "status": "pending", "metadata": {"payout_id": "po_123"}}""")));

        BankPayout payout = gateway.createPayout(new CreatePayout(ACCOUNT, 2700, "usd", METADATA,
                "payout:po_123:payout"));

        assertThat(payout).isEqualTo(new BankPayout("po_1QzKCdLkdIwHu7ix", "pending"));
        LoggedRequest request = only(postRequestedFor(urlPathEqualTo("/v1/payouts")));
        assertThat(request.getHeader("Stripe-Account")).isEqualTo(ACCOUNT);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("payout:po_123:payout");
        assertThat(form(request)).containsAllEntriesOf(Map.of("amount", "2700", "currency", "usd",
                "metadata[payout_id]", "po_123"));
    }

    @Test
    void reverses_a_transfer_with_an_idempotency_key() {
        stripe.stubFor(post("/v1/transfers/tr_1QzKAbLkdIwHu7ix/reversals").willReturn(okJson("""
                {"id": "trr_1QzKEf", "object": "transfer_reversal", "amount": 2700, "currency": "usd",
                 "transfer": "tr_1QzKAbLkdIwHu7ix"}""")));

        gateway.reverseTransfer("tr_1QzKAbLkdIwHu7ix", "payout:po_123:reversal");

        LoggedRequest request = only(postRequestedFor(urlPathEqualTo("/v1/transfers/tr_1QzKAbLkdIwHu7ix/reversals")));
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("payout:po_123:reversal");
    }

    private static String transferJson() {
        return """
                {"id": "tr_1QzKAbLkdIwHu7ix", "object": "transfer", "amount": 2700, "currency": "usd",
                 "destination": "%s", "transfer_group": "payout:po_123",
                 "source_transaction": "ch_3QzK8fLkdIwHu7ix1Kq7aZ2m",
                 "metadata": {"payout_id": "po_123", "wallet_id": "prov_1:usd", "user_id": "prov_1"}}
                """.formatted(ACCOUNT);
    }

    private LoggedRequest only(RequestPatternBuilder pattern) {
        List<LoggedRequest> requests = stripe.findAll(pattern);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
