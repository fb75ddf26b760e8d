package io.settle.app.payout;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.api.MetadataKeys;
import io.settle.api.payout.PayoutCommands.ConfirmPayoutPaid;
import io.settle.api.payout.PayoutCommands.ReportBankPayoutFailure;
import io.settle.api.payout.PayoutCommands.ReportTransferReversed;
import io.settle.app.axon.Commands;
import io.settle.app.webhook.StripeEventEnvelope;
import io.settle.app.webhook.StripeEventHandler;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code payout.paid} / {@code payout.failed} of a connected account → the provider's Wallet, found through the
 * payout's {@code metadata.payout_id} and {@code wallet_id} (Settle sets them). Payouts Settle did not
 * create are acknowledged and left alone. {@code transfer.reversed} (a platform event, on {@code /webhooks/stripe}) of
 * a payout's transfer → {@code ReportTransferReversed}, found the same way through the transfer's metadata.
 */
@Component
class PayoutWebhookHandler implements StripeEventHandler {

    private static final Logger log = LoggerFactory.getLogger(PayoutWebhookHandler.class);

    private final Commands commands;

    PayoutWebhookHandler(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Set<String> types() {
        return Set.of("payout.paid", "payout.failed", "transfer.reversed");
    }

    @Override
    public void handle(StripeEventEnvelope event) {
        String payoutId = event.metadata("payout_id");
        String walletId = event.metadata("wallet_id");
        if (payoutId == null || walletId == null) {
            log.info("{} {} on {} is not a Settle payout; ignored", event.type(), event.objectId(), event.account());
            return;
        }
        Map<String, String> metadata = Map.of(MetadataKeys.STRIPE_EVENT_ID, event.id(), MetadataKeys.USER_ID, "stripe");
        JsonNode payout = event.dataObject();
        if ("transfer.reversed".equals(event.type())) {
            commands.send(new ReportTransferReversed(walletId, payoutId, event.objectId(),
                    payout.path("amount_reversed").asLong(), "amount_reversed " + payout.path("amount_reversed")
                            .asLong() + " " + payout.path("currency").asText("")), metadata);
        } else if ("payout.paid".equals(event.type())) {
            commands.send(new ConfirmPayoutPaid(walletId, payoutId, event.objectId()), metadata);
        } else {
            commands.send(new ReportBankPayoutFailure(walletId, payoutId, event.objectId(),
                    payout.path("failure_code").asText(null), payout.path("failure_message").asText(null)), metadata);
        }
    }
}
