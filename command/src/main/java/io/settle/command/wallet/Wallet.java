package io.settle.command.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.settle.api.DomainRuleViolation;
import io.settle.api.Money;
import io.settle.api.wallet.SubscriptionEarningCommands.CreditSubscriptionEarning;
import io.settle.api.wallet.SubscriptionEarningCommands.ReverseSubscriptionEarning;
import io.settle.api.wallet.SubscriptionEarningEvents.SubscriptionEarningCredited;
import io.settle.api.wallet.SubscriptionEarningEvents.SubscriptionEarningReversed;
import io.settle.api.wallet.WalletCommands.AddCredits;
import io.settle.api.wallet.WalletCommands.ReclaimEarning;
import io.settle.api.wallet.WalletCommands.RecordPendingEarning;
import io.settle.api.wallet.WalletCommands.ReleaseEarning;
import io.settle.api.wallet.WalletCommands.RestoreEarning;
import io.settle.api.wallet.WalletCommands.ReturnCredits;
import io.settle.api.wallet.WalletCommands.ReversePendingEarning;
import io.settle.api.wallet.WalletCommands.SpendCredits;
import io.settle.api.wallet.WalletEvents.CreditsAdded;
import io.settle.api.wallet.WalletEvents.CreditsReturned;
import io.settle.api.wallet.WalletEvents.CreditsSpent;
import io.settle.api.wallet.WalletEvents.DebtSettled;
import io.settle.api.wallet.WalletEvents.EarningReclaimed;
import io.settle.api.wallet.WalletEvents.EarningRestored;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletEvents.EarningReleased;
import io.settle.api.wallet.WalletEvents.PendingEarningReversed;
import io.settle.api.payout.PayoutCommands.CancelPayout;
import io.settle.api.payout.PayoutCommands.ConfirmPayoutPaid;
import io.settle.api.payout.PayoutCommands.FailPayout;
import io.settle.api.payout.PayoutCommands.RecordBankPayout;
import io.settle.api.payout.PayoutCommands.RecordPayoutTransfer;
import io.settle.api.payout.PayoutCommands.ReportBankPayoutFailure;
import io.settle.api.payout.PayoutCommands.ReportTransferReversed;
import io.settle.api.payout.PayoutCommands.RequestPayout;
import io.settle.api.payout.PayoutCommands.RetryPayout;
import io.settle.api.payout.PayoutEvents.BankPayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutCanceled;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.payout.PayoutEvents.PayoutRetried;
import io.settle.api.payout.PayoutEvents.PayoutSentToBank;
import io.settle.api.payout.PayoutEvents.PayoutTransferReversed;
import io.settle.api.payout.PayoutEvents.PayoutTransferred;
import io.settle.api.payout.PayoutStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One user's money in one currency: earnings pending release, available earnings, and platform credits.
 * Every change names its cause (a booking or a credit purchase) and is applied at most once per cause,
 * so a redelivered command never moves money twice.
 *
 * <p>Payouts: requesting one moves funds from available to reserved; they leave the wallet when the payout
 * is paid, or return to available when it fails. Each payout id moves money at most once each way.
 *
 * <p>Debt: a refund or chargeback after release takes the earning back from available as far as it goes; the
 * rest is {@code debt} (a recoverable negative balance). Available never goes below zero; every later credit
 * to available (a release, a subscription earning, a returned payout, a restored earning) settles the debt
 * first ({@link DebtSettled}), so while there is debt nothing is available to pay out.
 */
@Aggregate(snapshotTriggerDefinition = Wallet.SNAPSHOT_TRIGGER, cache = Wallet.CACHE)
@Revision(Wallet.STATE_REVISION)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Wallet {

    /** The bean (in app) that decides when a wallet is snapshotted: a busy provider's wallet has an event per booking. */
    public static final String SNAPSHOT_TRIGGER = "walletSnapshotTrigger";
    /** The bean (in app) that keeps recently used wallets in memory between commands. */
    public static final String CACHE = "walletCache";
    /**
     * The shape of a snapshot (this class's fields and those of the types it keeps). Change it with any of
     * them: snapshots of another revision are ignored and the wallet is rebuilt from its events.
     * WalletSnapshotTest fails until it is changed.
     */
    static final String STATE_REVISION = "1";

    @AggregateIdentifier
    private String walletId;
    private Money pending;
    private Money available;
    private Money credits;
    private Money debt;
    private final Set<String> applied = new HashSet<>();
    private final Map<String, WalletPayout> payouts = new HashMap<>();
    /** Failed payout id → the payout an admin retried it as. */
    private final Map<String, String> retries = new HashMap<>();
    /** Released earnings not yet paid out, oldest first, to name the booking that funds a payout. */
    private final ReleasedEarnings released = new ReleasedEarnings();
    /** Fan-subscription invoices credited here, by invoice id, with what refunds took back so far. */
    private final Map<String, SubscriptionEarning> subscriptionEarnings = new HashMap<>();

    protected Wallet() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordPendingEarning command) {
        if (once(command.walletId(), "pending:" + command.bookingId(), command.amount())) {
            apply(new EarningPending(command.walletId(), command.userId(), command.bookingId(), command.amount()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReleaseEarning command) {
        if (once(command.walletId(), "release:" + command.bookingId(), command.amount())) {
            apply(new EarningReleased(command.walletId(), command.userId(), command.bookingId(), command.amount()));
            settleDebt(command.userId(), command.amount(), command.bookingId());
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReclaimEarning command) {
        if (!once(command.walletId(), reclaimKey(command.bookingId(), command.reference()), command.amount())) {
            return;
        }
        Money balance = available == null ? Money.zero(command.amount().currency()) : available;
        Money fromAvailable = command.amount().isGreaterThan(balance) ? balance : command.amount();
        apply(new EarningReclaimed(command.walletId(), command.userId(), command.bookingId(), command.reference(),
                command.amount(), fromAvailable, command.amount().minus(fromAvailable), command.reason()));
    }

    @CommandHandler
    public void handle(RestoreEarning command) {
        if (!once(command.walletId(), "restore:" + command.bookingId() + ":" + command.reference(), command.amount())) {
            return;
        }
        if (!applied.contains(reclaimKey(command.bookingId(), command.reference()))) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "nothing was reclaimed for " + command.bookingId() + " / " + command.reference());
        }
        apply(new EarningRestored(command.walletId(), command.userId(), command.bookingId(), command.reference(),
                command.amount()));
        settleDebt(command.userId(), command.amount(), command.bookingId());
    }

    private static String reclaimKey(String bookingId, String reference) {
        return "reclaim:" + bookingId + ":" + reference;
    }

    /** After {@code credited} reached available: pays off as much of the debt as it covers. */
    private void settleDebt(String userId, Money credited, String source) {
        if (debt == null || !debt.positive()) {
            return;
        }
        Money settled = credited.isGreaterThan(debt) ? debt : credited;
        if (settled.isGreaterThan(available)) {
            settled = available;
        }
        if (settled.positive()) {
            apply(new DebtSettled(walletId, userId, settled, source));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReversePendingEarning command) {
        if (once(command.walletId(), "reverse:" + command.bookingId(), command.amount())) {
            apply(new PendingEarningReversed(command.walletId(), command.userId(), command.bookingId(),
                    command.amount()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AddCredits command) {
        if (once(command.walletId(), "credit:" + command.purchaseId(), command.amount())) {
            apply(new CreditsAdded(command.walletId(), command.userId(), command.purchaseId(), command.amount()));
        }
    }

    // --- subscription earnings: a fan subscription's invoice, net of commission, straight to available ---

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreditSubscriptionEarning command) {
        Money net = netOf(command.gross(), command.fee());
        if (command.commissionBps() != null && (command.commissionBps() < 0 || command.commissionBps() > 10_000
                || !command.fee().equals(command.gross().share(command.commissionBps())))) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR,
                    "fee must be the gross's share at the commission rate");
        }
        if (once(command.walletId(), "subscription:" + command.invoiceId(), net)) {
            apply(new SubscriptionEarningCredited(command.walletId(), command.userId(), command.subscriptionId(),
                    command.invoiceId(), command.gross(), command.fee(), net, command.commissionBps()));
            settleDebt(command.userId(), net, command.invoiceId());
        }
    }

    /**
     * Takes back the part of the invoice's earning that {@code refundedTotal} covers and earlier reversals
     * did not; available may not go below zero.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReverseSubscriptionEarning command) {
        Money total = command.refundedTotal();
        if (total == null || !total.positive()) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "refunded total must be positive");
        }
        SubscriptionEarning earning = subscriptionEarnings.get(command.invoiceId());
        if (earning == null) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "invoice " + command.invoiceId() + " was never credited");
        }
        earning.gross().requireSameCurrency(total);
        Money target = total.isGreaterThan(earning.gross()) ? earning.gross() : total;
        if (!target.isGreaterThan(earning.reversedGross())) {
            return; // already reversed up to there: a duplicate or an older event
        }
        Money gross = target.minus(earning.reversedGross());
        Money fee = earning.feeUpTo(target).minus(earning.reversedFee());
        Money net = gross.minus(fee);
        if (net.isGreaterThan(available)) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "available balance " + available + " is less than " + net);
        }
        apply(new SubscriptionEarningReversed(command.walletId(), command.userId(), command.subscriptionId(),
                command.invoiceId(), gross, fee, net, command.refundId(), target));
    }

    private static Money netOf(Money gross, Money fee) {
        if (fee.negative() || fee.isGreaterThan(gross)) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "fee must be within 0..gross");
        }
        return gross.minus(fee);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SpendCredits command) {
        if (!once(command.walletId(), "spend:" + command.bookingId(), command.amount())) {
            return;
        }
        Money balance = credits == null ? Money.zero(command.amount().currency()) : credits;
        if (command.amount().isGreaterThan(balance)) {
            throw new DomainRuleViolation(DomainRuleViolation.INSUFFICIENT_CREDITS,
                    "credits balance " + balance + " is less than " + command.amount());
        }
        apply(new CreditsSpent(command.walletId(), command.userId(), command.bookingId(), command.amount()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReturnCredits command) {
        if (once(command.walletId(), "return:" + command.bookingId(), command.amount())) {
            apply(new CreditsReturned(command.walletId(), command.userId(), command.bookingId(), command.amount()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    /** @return the amount reserved for this payout (all available when the command names none) */
    public Money handle(RequestPayout command) {
        if (payouts.containsKey(command.payoutId())) {
            return payouts.get(command.payoutId()).amount;
        }
        return reserve(command.walletId(), command.userId(), command.payoutId(), command.amount(), command.minimum(),
                command.accountId());
    }

    /** Checks the balance and the minimum, then reserves: the rules of every payout request. */
    private Money reserve(String walletOfCommand, String userId, String payoutId, Money requested, Money minimum,
                          String accountId) {
        String currency = requested != null ? requested.currency() : minimum.currency();
        if (!walletOfCommand.endsWith(":" + currency) || !minimum.currency().equals(currency)) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR,
                    "wallet " + walletOfCommand + " does not hold " + currency);
        }
        Money balance = available == null ? Money.zero(currency) : available;
        if (requested != null && !requested.positive()) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "amount must be positive");
        }
        Money amount = requested != null ? requested : balance;
        if (!amount.positive() || amount.isGreaterThan(balance)) {
            throw new DomainRuleViolation(DomainRuleViolation.INSUFFICIENT_FUNDS,
                    "available balance " + balance + " does not cover a payout of " + amount);
        }
        if (minimum.isGreaterThan(amount)) {
            throw new DomainRuleViolation(DomainRuleViolation.BELOW_MINIMUM,
                    "a payout must be at least " + minimum + ", not " + amount);
        }
        apply(new PayoutRequested(walletOfCommand, userId, payoutId, amount, accountId,
                released.soleFunder(amount.amount())));
        return amount;
    }

    /** @return the amount reserved for the retry (the failed payout's amount) */
    @CommandHandler
    public Money handle(RetryPayout command) {
        WalletPayout failed = payout(command.failedPayoutId());
        String existing = retries.get(failed.id);
        if (existing != null) {
            return payouts.get(existing).amount;
        }
        if (failed.status != PayoutStatus.FAILED) {
            throw new DomainRuleViolation(DomainRuleViolation.PAYOUT_NOT_FAILED,
                    "payout " + failed.id + " is " + failed.status + "; only a FAILED payout can be retried");
        }
        if (payouts.containsKey(command.retryPayoutId())) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR,
                    "payout " + command.retryPayoutId() + " already exists");
        }
        apply(new PayoutRetried(walletId, failed.userId, failed.id, command.retryPayoutId()));
        return reserve(walletId, failed.userId, command.retryPayoutId(), failed.amount, command.minimum(),
                command.accountId());
    }

    /** Only before a transfer is recorded: afterwards the money may already sit in the connected account. */
    @CommandHandler
    public void handle(CancelPayout command) {
        WalletPayout payout = payout(command.payoutId());
        if (payout.status == PayoutStatus.CANCELED) {
            return;
        }
        if (payout.status != PayoutStatus.REQUESTED || payout.bankFailed) {
            throw new DomainRuleViolation(DomainRuleViolation.PAYOUT_NOT_CANCELABLE,
                    "payout " + payout.id + " is " + payout.status + "; only a payout without a transfer can be canceled");
        }
        apply(new PayoutCanceled(walletId, payout.userId, payout.id, payout.amount, command.reason()));
        settleDebt(payout.userId, payout.amount, "payout:" + payout.id);
    }

    @CommandHandler
    public void handle(RecordPayoutTransfer command) {
        WalletPayout payout = payout(command.payoutId());
        if (payout.status == PayoutStatus.CANCELED) {
            throw new DomainRuleViolation(DomainRuleViolation.PAYOUT_CANCELED,
                    "payout " + payout.id + " was canceled; transfer " + command.transferId() + " must be reversed");
        }
        if (payout.status == PayoutStatus.REQUESTED) {
            apply(new PayoutTransferred(walletId, payout.userId, payout.id, payout.amount, command.transferId()));
        }
    }

    @CommandHandler
    public void handle(RecordBankPayout command) {
        WalletPayout payout = payout(command.payoutId());
        if (payout.status == PayoutStatus.REQUESTED || payout.status == PayoutStatus.TRANSFERRED) {
            apply(new PayoutSentToBank(walletId, payout.userId, payout.id, payout.amount, command.stripePayoutId()));
        }
    }

    /** payout.paid may overtake our own bookkeeping of the transfer: it is proof enough from any open state. */
    @CommandHandler
    public void handle(ConfirmPayoutPaid command) {
        WalletPayout payout = payout(command.payoutId());
        if (payout.status == PayoutStatus.FAILED || payout.status == PayoutStatus.CANCELED) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "payout " + payout.id + " already " + payout.status + "; Stripe reports it paid");
        }
        if (payout.status != PayoutStatus.PAID) {
            apply(new PayoutPaid(walletId, payout.userId, payout.id, payout.amount, command.stripePayoutId()));
        }
    }

    @CommandHandler
    public void handle(ReportBankPayoutFailure command) {
        WalletPayout payout = payout(command.payoutId());
        if (!payout.status.isFinal() && !payout.bankFailed) {
            apply(new BankPayoutFailed(walletId, payout.userId, payout.id, command.stripePayoutId(),
                    command.failureCode(), command.failureMessage()));
        }
    }

    /**
     * {@code transfer.reversed}: recorded once for an open payout; the Payout saga fails it (unless the saga
     * reversed the transfer itself). For a final payout it changes nothing.
     */
    @CommandHandler
    public void handle(ReportTransferReversed command) {
        WalletPayout payout = payout(command.payoutId());
        if (!payout.status.isFinal() && !payout.transferReversed) {
            apply(new PayoutTransferReversed(walletId, payout.userId, payout.id, command.transferId(),
                    command.amountReversed(), command.reason()));
        }
    }

    @CommandHandler
    public void handle(FailPayout command) {
        WalletPayout payout = payout(command.payoutId());
        if (payout.status == PayoutStatus.PAID) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "payout " + payout.id + " was paid; it cannot fail");
        }
        if (payout.status != PayoutStatus.FAILED && payout.status != PayoutStatus.CANCELED) {
            apply(new PayoutFailed(walletId, payout.userId, payout.id, payout.amount, command.failureCode(),
                    command.reason(), command.attempts()));
            settleDebt(payout.userId, payout.amount, "payout:" + payout.id);
        }
    }

    private WalletPayout payout(String payoutId) {
        WalletPayout payout = payouts.get(payoutId);
        if (payout == null) {
            throw new DomainRuleViolation(DomainRuleViolation.NOT_A_PARTY, "no payout " + payoutId + " in " + walletId);
        }
        return payout;
    }

    /** True the first time a cause is seen; validates the amount on the way. */
    private boolean once(String walletOfCommand, String cause, Money amount) {
        if (!amount.positive()) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "amount must be positive");
        }
        if (!walletOfCommand.endsWith(":" + amount.currency())) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR,
                    "wallet " + walletOfCommand + " does not hold " + amount.currency());
        }
        return !applied.contains(cause);
    }

    private void init(String id, Money sample) {
        if (walletId == null) {
            walletId = id;
            pending = Money.zero(sample.currency());
            available = Money.zero(sample.currency());
            credits = Money.zero(sample.currency());
            debt = Money.zero(sample.currency());
        }
    }

    @EventSourcingHandler
    void on(EarningPending event) {
        init(event.walletId(), event.amount());
        applied.add("pending:" + event.bookingId());
        pending = pending.plus(event.amount());
    }

    @EventSourcingHandler
    void on(EarningReleased event) {
        init(event.walletId(), event.amount());
        applied.add("release:" + event.bookingId());
        pending = pending.minus(event.amount());
        available = available.plus(event.amount());
        released.add(event.bookingId(), event.amount().amount());
    }

    @EventSourcingHandler
    void on(EarningReclaimed event) {
        init(event.walletId(), event.amount());
        applied.add(reclaimKey(event.bookingId(), event.reference()));
        available = available.minus(event.fromAvailable());
        debt = debt.plus(event.toDebt());
        released.take(event.bookingId(), event.fromAvailable().amount());
    }

    @EventSourcingHandler
    void on(EarningRestored event) {
        init(event.walletId(), event.amount());
        applied.add("restore:" + event.bookingId() + ":" + event.reference());
        available = available.plus(event.amount());
        released.add(event.bookingId(), event.amount().amount());
    }

    @EventSourcingHandler
    void on(DebtSettled event) {
        debt = debt.minus(event.amount());
        available = available.minus(event.amount());
        released.take(event.source(), event.amount().amount());
    }

    @EventSourcingHandler
    void on(PendingEarningReversed event) {
        init(event.walletId(), event.amount());
        applied.add("reverse:" + event.bookingId());
        pending = pending.minus(event.amount());
    }

    @EventSourcingHandler
    void on(CreditsAdded event) {
        init(event.walletId(), event.amount());
        applied.add("credit:" + event.purchaseId());
        credits = credits.plus(event.amount());
    }

    @EventSourcingHandler
    void on(SubscriptionEarningCredited event) {
        init(event.walletId(), event.net());
        applied.add("subscription:" + event.invoiceId());
        subscriptionEarnings.put(event.invoiceId(), SubscriptionEarning.credited(event.gross(), event.fee(),
                event.commissionBps()));
        available = available.plus(event.net());
    }

    @EventSourcingHandler
    void on(SubscriptionEarningReversed event) {
        init(event.walletId(), event.net());
        applied.add("subscription-reversal:" + event.invoiceId());
        subscriptionEarnings.computeIfPresent(event.invoiceId(), (id, earning) -> earning.reversed(event.gross(),
                event.fee()));
        available = available.minus(event.net());
    }

    @EventSourcingHandler
    void on(CreditsSpent event) {
        init(event.walletId(), event.amount());
        applied.add("spend:" + event.bookingId());
        credits = credits.minus(event.amount());
    }

    @EventSourcingHandler
    void on(CreditsReturned event) {
        init(event.walletId(), event.amount());
        applied.add("return:" + event.bookingId());
        credits = credits.plus(event.amount());
    }

    @EventSourcingHandler
    void on(PayoutRequested event) {
        init(event.walletId(), event.amount());
        payouts.put(event.payoutId(), new WalletPayout(event.payoutId(), event.userId(), event.amount()));
        available = available.minus(event.amount());
        released.consume(event.amount().amount());
    }

    @EventSourcingHandler
    void on(PayoutRetried event) {
        retries.put(event.failedPayoutId(), event.retryPayoutId());
    }

    @EventSourcingHandler
    void on(PayoutCanceled event) {
        payouts.get(event.payoutId()).status = PayoutStatus.CANCELED;
        available = available.plus(event.amount());
        released.add("payout:" + event.payoutId(), event.amount().amount());
    }

    @EventSourcingHandler
    void on(PayoutTransferred event) {
        payouts.get(event.payoutId()).status = PayoutStatus.TRANSFERRED;
    }

    @EventSourcingHandler
    void on(PayoutSentToBank event) {
        payouts.get(event.payoutId()).status = PayoutStatus.IN_TRANSIT;
    }

    @EventSourcingHandler
    void on(PayoutPaid event) {
        payouts.get(event.payoutId()).status = PayoutStatus.PAID;
    }

    @EventSourcingHandler
    void on(PayoutTransferReversed event) {
        payouts.get(event.payoutId()).transferReversed = true;
    }

    @EventSourcingHandler
    void on(BankPayoutFailed event) {
        payouts.get(event.payoutId()).bankFailed = true;
    }

    @EventSourcingHandler
    void on(PayoutFailed event) {
        payouts.get(event.payoutId()).status = PayoutStatus.FAILED;
        available = available.plus(event.amount());
        released.add("payout:" + event.payoutId(), event.amount().amount());
    }
}
