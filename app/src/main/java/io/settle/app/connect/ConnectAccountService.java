package io.settle.app.connect;

import io.settle.api.connect.ConnectCommands.RegisterConnectAccount;
import io.settle.app.axon.Commands;
import io.settle.app.payout.PayoutSettings;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.settle.query.connect.ConnectAccountQueries;
import io.settle.query.connect.ConnectAccountQueries.ConnectAccountView;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payout.ConnectGateway;
import io.settle.saga.payout.ConnectGateway.AccountLink;
import io.settle.saga.payout.ConnectGateway.ConnectedAccount;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A provider's Connect Express account: created once per provider (the Stripe idempotency key is derived
 * from the provider id, so a retried or concurrent request gets the same account), then onboarded through
 * Stripe-hosted pages.
 */
@Service
public class ConnectAccountService {

    private final ConnectGateway connect;
    private final ConnectAccountQueries accounts;
    private final Commands commands;
    private final PayoutSettings settings;

    public ConnectAccountService(ConnectGateway connect, ConnectAccountQueries accounts, Commands commands,
                                 PayoutSettings settings) {
        this.connect = connect;
        this.accounts = accounts;
        this.commands = commands;
        this.settings = settings;
    }

    public String create(String providerId, String country, String email) {
        return accounts.ofProvider(providerId).map(ConnectAccountView::accountId).orElseGet(() -> {
            ConnectedAccount account = gateway(() -> connect.createAccount(country, email,
                    Map.of("provider_id", providerId), "connect:" + providerId + ":account"));
            commands.send(new RegisterConnectAccount(providerId, account.id(), country, email));
            return account.id();
        });
    }

    public AccountLink onboardingLink(String providerId) {
        ConnectAccountView account = existing(providerId);
        return gateway(() -> connect.createOnboardingLink(account.accountId(), settings.connectRefreshUrl(),
                settings.connectReturnUrl()));
    }

    public String dashboardLink(String providerId) {
        ConnectAccountView account = existing(providerId);
        if (!account.detailsSubmitted()) {
            throw ApiException.conflict(ErrorCodes.ONBOARDING_INCOMPLETE, "The Express dashboard exists once "
                    + "onboarding details are submitted; account " + account.accountId() + " is " + account.status());
        }
        return gateway(() -> connect.createLoginLink(account.accountId()));
    }

    public Optional<ConnectAccountView> find(String providerId) {
        return accounts.ofProvider(providerId);
    }

    public ConnectAccountView existing(String providerId) {
        return accounts.ofProvider(providerId)
                .orElseThrow(() -> ApiException.notFound("connect account of provider", providerId));
    }

    private static <T> T gateway(Supplier<T> call) {
        try {
            return call.get();
        } catch (PaymentGatewayException e) {
            HttpStatus status = e.isTransient() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
            throw new ApiException(status, ErrorCodes.PAYMENT_GATEWAY_ERROR, e.getMessage()).with("stripeCode", e.code());
        }
    }
}
