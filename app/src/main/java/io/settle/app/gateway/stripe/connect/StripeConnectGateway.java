package io.settle.app.gateway.stripe.connect;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.PayoutCreateParams;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.TransferListParams;
import com.stripe.param.TransferReversalCreateParams;
import io.settle.app.gateway.StripeSettings;
import io.settle.app.gateway.stripe.StripeClientFactory;
import io.settle.app.gateway.stripe.StripeErrors;
import io.settle.saga.payout.ConnectGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@link ConnectGateway} on the real Stripe API through stripe-java: Express accounts with a manual payout
 * schedule, account and login links, transfers (idempotency key, transfer_group, source_transaction,
 * metadata) and payouts on the connected account ({@code Stripe-Account} header).
 */
@Component
@ConditionalOnProperty(name = "settle.stripe.gateway", havingValue = StripeSettings.STRIPE)
public class StripeConnectGateway implements ConnectGateway {

    private final StripeClient stripe;

    public StripeConnectGateway(StripeSettings settings,
                                @Value("${settle.stripe.connect-timeout:5s}") Duration connectTimeout,
                                @Value("${settle.stripe.read-timeout:20s}") Duration readTimeout) {
        this.stripe = StripeClientFactory.create(settings, connectTimeout, readTimeout);
    }

    @Override
    public ConnectedAccount createAccount(String country, String email, Map<String, String> metadata,
                                          String idempotencyKey) {
        AccountCreateParams params = AccountCreateParams.builder()
                .setType(AccountCreateParams.Type.EXPRESS)
                .setCountry(country)
                .setEmail(email)
                .setCapabilities(AccountCreateParams.Capabilities.builder()
                        .setTransfers(AccountCreateParams.Capabilities.Transfers.builder().setRequested(true).build())
                        .build())
                .setSettings(AccountCreateParams.Settings.builder()
                        .setPayouts(AccountCreateParams.Settings.Payouts.builder()
                                .setSchedule(AccountCreateParams.Settings.Payouts.Schedule.builder()
                                        .setInterval(AccountCreateParams.Settings.Payouts.Schedule.Interval.MANUAL)
                                        .build())
                                .build())
                        .build())
                .putAllMetadata(metadata)
                .build();
        Account account = call("create account", () -> stripe.v1().accounts().create(params, idempotent(idempotencyKey)));
        return new ConnectedAccount(account.getId(), Boolean.TRUE.equals(account.getChargesEnabled()),
                Boolean.TRUE.equals(account.getPayoutsEnabled()), Boolean.TRUE.equals(account.getDetailsSubmitted()));
    }

    @Override
    public AccountLink createOnboardingLink(String accountId, String refreshUrl, String returnUrl) {
        AccountLinkCreateParams params = AccountLinkCreateParams.builder()
                .setAccount(accountId)
                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                .setRefreshUrl(refreshUrl)
                .setReturnUrl(returnUrl)
                .build();
        com.stripe.model.AccountLink link = call("create account link",
                () -> stripe.v1().accountLinks().create(params));
        return new AccountLink(link.getUrl(), Instant.ofEpochSecond(link.getExpiresAt()));
    }

    @Override
    public String createLoginLink(String accountId) {
        return call("create login link", () -> stripe.v1().accounts().loginLinks().create(accountId)).getUrl();
    }

    @Override
    public ConnectGateway.Transfer createTransfer(CreateTransfer request) {
        TransferCreateParams.Builder params = TransferCreateParams.builder()
                .setAmount(request.amount())
                .setCurrency(request.currency())
                .setDestination(request.destination())
                .setTransferGroup(request.transferGroup())
                .putAllMetadata(request.metadata());
        if (request.sourceTransaction() != null) {
            params.setSourceTransaction(request.sourceTransaction());
        }
        return view(call("create transfer",
                () -> stripe.v1().transfers().create(params.build(), idempotent(request.idempotencyKey()))));
    }

    /** Transfers of one payout share its transfer_group; the metadata check guards against a reused group. */
    @Override
    public Optional<ConnectGateway.Transfer> findTransfer(String transferGroup, String payoutId) {
        TransferListParams params = TransferListParams.builder().setTransferGroup(transferGroup).setLimit(10L).build();
        return call("list transfers", () -> stripe.v1().transfers().list(params)).getData().stream()
                .filter(t -> t.getMetadata() != null && payoutId.equals(t.getMetadata().get("payout_id")))
                .findFirst()
                .map(StripeConnectGateway::view);
    }

    @Override
    public void reverseTransfer(String transferId, String idempotencyKey) {
        call("reverse transfer", () -> stripe.v1().transfers().reversals().create(transferId,
                TransferReversalCreateParams.builder().build(), idempotent(idempotencyKey)));
    }

    @Override
    public BankPayout createPayout(CreatePayout request) {
        PayoutCreateParams params = PayoutCreateParams.builder()
                .setAmount(request.amount())
                .setCurrency(request.currency())
                .putAllMetadata(request.metadata())
                .build();
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey(request.idempotencyKey())
                .setStripeAccount(request.accountId())
                .build();
        com.stripe.model.Payout payout = call("create payout", () -> stripe.v1().payouts().create(params, options));
        return new BankPayout(payout.getId(), payout.getStatus());
    }

    private static ConnectGateway.Transfer view(com.stripe.model.Transfer transfer) {
        return new ConnectGateway.Transfer(transfer.getId(), transfer.getDestination(), transfer.getAmount(),
                transfer.getCurrency(), transfer.getTransferGroup(),
                transfer.getMetadata() == null ? Map.of() : Map.copyOf(transfer.getMetadata()));
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private static <T> T call(String operation, StripeCall<T> call) {
        try {
            return call.call();
        } catch (StripeException e) {
            throw StripeErrors.translate(operation, e);
        }
    }
}
