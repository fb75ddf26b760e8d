package io.settle.saga.payout;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.settle.api.DomainRuleViolation;
import io.settle.api.Money;
import io.settle.api.payout.PayoutCommands.FailPayout;
import io.settle.api.payout.PayoutCommands.RecordBankPayout;
import io.settle.api.payout.PayoutCommands.RecordPayoutTransfer;
import io.settle.api.payout.PayoutEvents.BankPayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutCanceled;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.payout.PayoutEvents.PayoutTransferReversed;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payout.ConnectGateway.BankPayout;
import io.settle.saga.payout.ConnectGateway.CreatePayout;
import io.settle.saga.payout.ConnectGateway.CreateTransfer;
import io.settle.saga.payout.ConnectGateway.Transfer;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pays reserved wallet funds out: a Stripe transfer from the platform to the provider's connected account,
 * then a payout from that account to its bank, completed by {@code payout.paid}.
 *
 * <p>Never twice: the transfer's idempotency key and transfer_group derive from the payout id, and after
 * an attempt whose outcome is unknown (timeout, 5xx, 429, connection error) the transfer is first looked up
 * at Stripe; only when Stripe has none is it created again. Transient failures are retried after
 * {@link PayoutRetryPolicy#delayAfter} as persistent deadlines; after the last attempt, or a permanent
 * failure, the payout fails and the Wallet returns the funds to available. A bank payout that fails after
 * the transfer first takes the transfer back.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PayoutSaga {

    static final String RETRY_DEADLINE = "payout-retry";

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient ConnectGateway connect;
    @Autowired
    private transient FundingCharges fundingCharges;
    @Autowired
    private transient PayoutRetryPolicy retryPolicy;

    private String payoutId;
    private String walletId;
    private String userId;
    private String accountId;
    private Money amount;
    private String fundingBookingId;
    private String transferId;
    private String stripePayoutId;
    private int attempts;
    /** A transfer request may have reached Stripe without us seeing the answer. */
    private boolean transferUncertain;
    /** This saga asked Stripe to reverse the transfer (so a later transfer.reversed is its own doing). */
    private boolean reversedBySettle;

    @StartSaga
    @SagaEventHandler(associationProperty = "payoutId")
    public void on(PayoutRequested event) {
        payoutId = event.payoutId();
        walletId = event.walletId();
        userId = event.userId();
        accountId = event.accountId();
        amount = event.amount();
        fundingBookingId = event.fundingBookingId();
        attempt();
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    public void retryDue() {
        attempt();
    }

    private void attempt() {
        attempts++;
        boolean sendingTransfer = false;
        try {
            if (transferId == null) {
                Optional<Transfer> existing = transferUncertain
                        ? connect.findTransfer(transferGroup(), payoutId)
                        : Optional.empty();
                sendingTransfer = existing.isEmpty();
                Transfer transfer = existing.orElseGet(this::createTransfer);
                transferId = transfer.id();
                transferUncertain = false;
                if (!recordTransfer()) {
                    return;
                }
            }
            sendingTransfer = false;
            BankPayout payout = connect.createPayout(new CreatePayout(accountId, amount.amount(), amount.currency(),
                    metadata(), "payout:" + payoutId + ":payout"));
            stripePayoutId = payout.id();
            commandGateway.sendAndWait(new RecordBankPayout(walletId, payoutId, stripePayoutId));
        } catch (PaymentGatewayException e) {
            if (sendingTransfer && e.isTransient()) {
                transferUncertain = true;
            }
            if (e.isTransient() && attempts < retryPolicy.maxAttempts()) {
                deadlineManager.schedule(retryPolicy.delayAfter(attempts), RETRY_DEADLINE);
            } else {
                giveUp(e);
            }
        }
    }

    /**
     * False when an admin canceled the payout while the transfer was being made: the transfer is taken back
     * at once (the funds are already available again) and nothing more is attempted.
     */
    private boolean recordTransfer() {
        try {
            commandGateway.sendAndWait(new RecordPayoutTransfer(walletId, payoutId, transferId));
            return true;
        } catch (RuntimeException e) {
            if (!refusedBecauseCanceled(e)) {
                throw e;
            }
            connect.reverseTransfer(transferId, "payout:" + payoutId + ":reversal");
            reversedBySettle = true;
            return false;
        }
    }

    private static boolean refusedBecauseCanceled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainRuleViolation violation
                    && DomainRuleViolation.PAYOUT_CANCELED.equals(violation.code())) {
                return true;
            }
        }
        return false;
    }

    private Transfer createTransfer() {
        String source = fundingBookingId == null ? null : fundingCharges.chargeOf(fundingBookingId).orElse(null);
        return connect.createTransfer(new CreateTransfer(accountId, amount.amount(), amount.currency(),
                transferGroup(), source, metadata(), "payout:" + payoutId + ":transfer"));
    }

    /**
     * Out of attempts or refused. With a transfer made (or possibly made) the money may sit in the connected
     * account: it is taken back before the funds return to available, so they are never paid twice.
     */
    private void giveUp(PaymentGatewayException e) {
        if (transferUncertain) {
            connect.findTransfer(transferGroup(), payoutId).ifPresent(found -> transferId = found.id());
        }
        reverseTransferIfAny();
        commandGateway.sendAndWait(new FailPayout(walletId, payoutId, e.code() == null ? e.kind().name() : e.code(),
                e.getMessage(), attempts));
    }

    @SagaEventHandler(associationProperty = "payoutId")
    public void on(BankPayoutFailed event) {
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
        reverseTransferIfAny();
        commandGateway.sendAndWait(new FailPayout(walletId, payoutId, event.failureCode(),
                "the bank refused the payout: " + event.failureMessage(), attempts));
    }

    private void reverseTransferIfAny() {
        if (transferId != null) {
            reversedBySettle = true;
            connect.reverseTransfer(transferId, "payout:" + payoutId + ":reversal");
        }
    }

    /**
     * Stripe reports the transfer reversed. If this saga reversed it (a failed bank payout, or giving up),
     * the failure is already on its way. Otherwise someone reversed it at Stripe (e.g. in the Dashboard):
     * the money is back on the platform, so the payout fails and the funds return to available.
     */
    @SagaEventHandler(associationProperty = "payoutId")
    public void on(PayoutTransferReversed event) {
        if (reversedBySettle) {
            return;
        }
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
        commandGateway.sendAndWait(new FailPayout(walletId, payoutId, "transfer_reversed", "Stripe reversed transfer "
                + event.transferId() + (event.reason() == null ? "" : ": " + event.reason()), attempts));
    }

    /**
     * An admin canceled the payout (only possible before a transfer was recorded): no further attempt. If an
     * earlier attempt's outcome was unknown, Stripe is asked whether the transfer was made, and if so it is
     * reversed, since the funds are already back in available.
     */
    @EndSaga
    @SagaEventHandler(associationProperty = "payoutId")
    public void on(PayoutCanceled event) {
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
        if (transferUncertain) {
            connect.findTransfer(transferGroup(), payoutId).ifPresent(found -> transferId = found.id());
        }
        reverseTransferIfAny();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "payoutId")
    public void on(PayoutPaid event) {
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "payoutId")
    public void on(PayoutFailed event) {
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
    }

    String transferGroup() {
        return "payout:" + payoutId;
    }

    private Map<String, String> metadata() {
        return Map.of("payout_id", payoutId, "wallet_id", walletId, "user_id", userId);
    }
}
