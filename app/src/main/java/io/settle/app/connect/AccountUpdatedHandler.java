package io.settle.app.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.api.MetadataKeys;
import io.settle.api.connect.ConnectCommands.UpdateConnectAccount;
import io.settle.app.axon.Commands;
import io.settle.app.webhook.RetryLaterException;
import io.settle.app.webhook.StripeEventEnvelope;
import io.settle.app.webhook.StripeEventHandler;
import io.settle.query.connect.ConnectAccountQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code account.updated} → the provider's ConnectAccount, found by account id. Stripe may send it before
 * Settle has recorded the account it just created: such an event is retried later.
 */
@Component
class AccountUpdatedHandler implements StripeEventHandler {

    private final Commands commands;
    private final ConnectAccountQueries accounts;

    AccountUpdatedHandler(Commands commands, ConnectAccountQueries accounts) {
        this.commands = commands;
        this.accounts = accounts;
    }

    @Override
    public Set<String> types() {
        return Set.of("account.updated");
    }

    @Override
    public void handle(StripeEventEnvelope event) {
        JsonNode account = event.dataObject();
        String accountId = account.path("id").asText();
        String providerId = accounts.providerOfAccount(accountId)
                .orElseThrow(() -> new RetryLaterException("no provider known yet for Connect account " + accountId));
        JsonNode requirements = account.path("requirements");
        JsonNode disabled = requirements.path("disabled_reason");
        commands.send(new UpdateConnectAccount(providerId, accountId, account.path("charges_enabled").asBoolean(),
                account.path("payouts_enabled").asBoolean(), account.path("details_submitted").asBoolean(),
                names(requirements.path("currently_due")), names(requirements.path("past_due")),
                disabled.isMissingNode() || disabled.isNull() ? null : disabled.asText(), event.created()),
                Map.of(MetadataKeys.STRIPE_EVENT_ID, event.id(), MetadataKeys.USER_ID, "stripe"));
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
