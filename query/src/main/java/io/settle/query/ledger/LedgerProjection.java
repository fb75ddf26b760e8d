package io.settle.query.ledger;

import static io.settle.query.SqlTime.ts;
import static io.settle.query.ledger.LedgerAccounts.PLATFORM_DISPUTE_LOSSES;
import static io.settle.query.ledger.LedgerAccounts.PLATFORM_REVENUE;
import static io.settle.query.ledger.LedgerAccounts.PLATFORM_SUBSCRIPTION_FEES;
import static io.settle.query.ledger.LedgerAccounts.STRIPE_DISPUTES;
import static io.settle.query.ledger.LedgerAccounts.STRIPE_CLEARING;
import static io.settle.query.ledger.LedgerAccounts.customerCredits;
import static io.settle.query.ledger.LedgerAccounts.escrow;
import static io.settle.query.ledger.LedgerAccounts.providerAvailable;
import static io.settle.query.ledger.LedgerAccounts.providerPayoutInTransit;
import static io.settle.query.ledger.LedgerAccounts.providerPending;
import static io.settle.query.ledger.LedgerAccounts.providerReceivable;

import io.settle.api.Money;
import io.settle.query.BatchedWrites;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.ChargeDisputeClosed;
import io.settle.api.booking.BookingEvents.ChargeDisputeOpened;
import io.settle.api.booking.BookingEvents.ReclaimedFundsRestored;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.PaymentCaptured;
import io.settle.api.booking.BookingEvents.ReleasedFundsReclaimed;
import io.settle.api.booking.PaymentSource;
import io.settle.api.payout.PayoutEvents.PayoutCanceled;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import io.settle.api.payout.PayoutEvents.PayoutPaid;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.subscription.PlanAudience;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoicePaid;
import io.settle.api.subscription.SubscriptionEvents.SubscriptionInvoiceRefunded;
import io.settle.api.wallet.SubscriptionEarningEvents.SubscriptionEarningCredited;
import io.settle.api.wallet.SubscriptionEarningEvents.SubscriptionEarningReversed;
import io.settle.api.wallet.WalletEvents.CreditsAdded;
import io.settle.api.wallet.WalletEvents.CreditsReturned;
import io.settle.api.wallet.WalletEvents.CreditsSpent;
import io.settle.api.wallet.WalletEvents.DebtSettled;
import io.settle.api.wallet.WalletEvents.EarningReclaimed;
import io.settle.api.wallet.WalletEvents.EarningRestored;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletEvents.EarningReleased;
import io.settle.api.wallet.WalletEvents.PendingEarningReversed;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The double-entry ledger, derived from money events: each moves an amount from one account to another
 * (a debit and an equal credit), so every currency always sums to zero. Card money enters through
 * {@code stripe:clearing}; a booking's money sits in {@code escrow:<booking>} until the provider's share
 * goes to their pending then available balance and the fee to {@code platform:revenue}.
 */
@Component
@ProcessingGroup("ledger")
public class LedgerProjection {

    private static final BatchedWrites.Insert ENTRY = new BatchedWrites.Insert(
            "ledger_entries (event_id, line, entry_type, account, currency, amount, booking_id, reference, created_at)",
            9, "ON CONFLICT (event_id, line) DO NOTHING");

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public LedgerProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, "ledger");
    }

    @EventHandler
    void on(PaymentCaptured e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (e.source() == PaymentSource.CARD) {
            transfer(eventId, "PAYMENT_CAPTURED", escrow(e.bookingId()), STRIPE_CLEARING, e.amount(), e.bookingId(), at);
        }
    }

    @EventHandler
    void on(CreditsAdded e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "CREDITS_PURCHASED", customerCredits(e.userId()), STRIPE_CLEARING, e.amount(), null, at);
    }

    @EventHandler
    void on(CreditsSpent e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "CREDITS_SPENT", escrow(e.bookingId()), customerCredits(e.userId()), e.amount(),
                e.bookingId(), at);
    }

    @EventHandler
    void on(CreditsReturned e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "CREDITS_RETURNED", customerCredits(e.userId()), escrow(e.bookingId()), e.amount(),
                e.bookingId(), at);
    }

    @EventHandler
    void on(EarningPending e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "EARNING_PENDING", providerPending(e.userId()), escrow(e.bookingId()), e.amount(),
                e.bookingId(), at);
    }

    @EventHandler
    void on(PendingEarningReversed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "EARNING_REVERSED", escrow(e.bookingId()), providerPending(e.userId()), e.amount(),
                e.bookingId(), at);
    }

    @EventHandler
    void on(EarningReleased e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "EARNING_RELEASED", providerAvailable(e.userId()), providerPending(e.userId()), e.amount(),
                e.bookingId(), at);
    }

    @EventHandler
    void on(EscrowReleased e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (e.platformFee().positive()) {
            transfer(eventId, "COMMISSION", PLATFORM_REVENUE, escrow(e.bookingId()), e.platformFee(), e.bookingId(), at);
        }
    }

    /** Released money taken back into escrow: the platform's part of it here, the provider's by the Wallet. */
    @EventHandler
    void on(ReleasedFundsReclaimed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (e.platformFee().positive()) {
            transfer(eventId, "COMMISSION_RETURNED", escrow(e.bookingId()), PLATFORM_REVENUE, e.platformFee(),
                    e.bookingId(), at);
        }
    }

    @EventHandler
    void on(ReclaimedFundsRestored e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (e.platformFee().positive()) {
            transfer(eventId, "COMMISSION_RESTORED", PLATFORM_REVENUE, escrow(e.bookingId()), e.platformFee(),
                    e.bookingId(), at);
        }
    }

    /** Stripe takes the disputed amount from the platform balance while the dispute is open. */
    @EventHandler
    void on(ChargeDisputeOpened e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (e.fundsWithdrawn()) {
            transfer(eventId, "DISPUTE_WITHDRAWN", STRIPE_CLEARING, STRIPE_DISPUTES, e.amount(), e.bookingId(), at);
        }
    }

    /**
     * Won: withdrawn funds return to clearing. Lost: the chargeback pays the customer from the booking's
     * escrow (and the platform's loss for what the booking no longer held), out of the withdrawn funds.
     */
    @EventHandler
    void on(ChargeDisputeClosed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (!e.lost()) {
            if (e.fundsWithdrawn()) {
                transfer(eventId, "DISPUTE_WON", STRIPE_DISPUTES, STRIPE_CLEARING, e.amount(), e.bookingId(), at);
            }
            return;
        }
        String currency = e.amount().currency();
        post(eventId, 1, "CHARGEBACK", e.fundsWithdrawn() ? STRIPE_DISPUTES : STRIPE_CLEARING, -e.amount().amount(),
                currency, e.bookingId(), e.disputeId(), at);
        int line = 2;
        if (e.fromEscrow().positive()) {
            post(eventId, line++, "CHARGEBACK", escrow(e.bookingId()), e.fromEscrow().amount(), currency,
                    e.bookingId(), e.disputeId(), at);
        }
        if (e.platformLoss().positive()) {
            post(eventId, line, "CHARGEBACK", PLATFORM_DISPUTE_LOSSES, e.platformLoss().amount(), currency,
                    e.bookingId(), e.disputeId(), at);
        }
    }

    /** The provider's part: from available as far as it went, the rest owed (receivable). */
    @EventHandler
    void on(EarningReclaimed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        String currency = e.amount().currency();
        post(eventId, 1, "EARNING_RECLAIMED", escrow(e.bookingId()), -e.amount().amount(), currency, e.bookingId(),
                e.reference(), at);
        int line = 2;
        if (e.fromAvailable().positive()) {
            post(eventId, line++, "EARNING_RECLAIMED", providerAvailable(e.userId()), e.fromAvailable().amount(),
                    currency, e.bookingId(), e.reference(), at);
        }
        if (e.toDebt().positive()) {
            post(eventId, line, "EARNING_RECLAIMED", providerReceivable(e.userId()), e.toDebt().amount(), currency,
                    e.bookingId(), e.reference(), at);
        }
    }

    @EventHandler
    void on(EarningRestored e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "EARNING_RESTORED", providerAvailable(e.userId()), escrow(e.bookingId()), e.amount(),
                e.bookingId(), at);
    }

    /** A credit to available paid off debt: the provider's receivable shrinks by what available gave. */
    @EventHandler
    void on(DebtSettled e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        post(eventId, 1, "DEBT_SETTLED", providerAvailable(e.userId()), e.amount().amount(), e.amount().currency(),
                null, e.source(), at);
        post(eventId, 2, "DEBT_SETTLED", providerReceivable(e.userId()), -e.amount().amount(), e.amount().currency(),
                null, e.source(), at);
    }

    @EventHandler
    void on(BookingRefunded e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (e.source() == PaymentSource.CARD) {
            transfer(eventId, "REFUND", STRIPE_CLEARING, escrow(e.bookingId()), e.amount(), e.bookingId(), at);
        }
    }

    @EventHandler
    void on(PayoutRequested e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "PAYOUT_RESERVED", providerPayoutInTransit(e.userId()), providerAvailable(e.userId()),
                e.amount(), null, at);
    }

    /** The money has left the platform's Stripe balance for the provider's bank. */
    @EventHandler
    void on(PayoutPaid e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "PAYOUT_PAID", STRIPE_CLEARING, providerPayoutInTransit(e.userId()), e.amount(), null, at);
    }

    @EventHandler
    void on(PayoutFailed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "PAYOUT_RETURNED", providerAvailable(e.userId()), providerPayoutInTransit(e.userId()),
                e.amount(), null, at);
    }

    @EventHandler
    void on(PayoutCanceled e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        transfer(eventId, "PAYOUT_CANCELED", providerAvailable(e.userId()), providerPayoutInTransit(e.userId()),
                e.amount(), null, at);
    }

    /** A fan subscription's invoice: clearing → provider available (net) + platform revenue (fee). */
    @EventHandler
    void on(SubscriptionEarningCredited e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        split(eventId, "SUBSCRIPTION_REVENUE", STRIPE_CLEARING, providerAvailable(e.userId()), e.gross(), e.net(),
                e.fee(), e.invoiceId(), at);
    }

    @EventHandler
    void on(SubscriptionEarningReversed e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        post(eventId, 1, "SUBSCRIPTION_REVERSAL", STRIPE_CLEARING, -e.gross().amount(), e.gross().currency(), null,
                e.invoiceId(), at);
        post(eventId, 2, "SUBSCRIPTION_REVERSAL", providerAvailable(e.userId()), e.net().amount(), e.net().currency(),
                null, e.invoiceId(), at);
        if (e.fee().positive()) {
            post(eventId, 3, "SUBSCRIPTION_REVERSAL", PLATFORM_REVENUE, e.fee().amount(), e.fee().currency(), null,
                    e.invoiceId(), at);
        }
    }

    /**
     * A provider-tier or consumer invoice is the platform's own income: clearing → subscription fees. (A fan
     * invoice is posted by the provider's wallet: {@link SubscriptionEarningCredited}.)
     */
    @EventHandler
    void on(SubscriptionInvoicePaid e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (e.audience() != PlanAudience.FAN && e.amount().positive()) {
            post(eventId, 1, "SUBSCRIPTION_FEE", STRIPE_CLEARING, e.amount().amount(), e.amount().currency(), null,
                    e.invoiceId(), at);
            post(eventId, 2, "SUBSCRIPTION_FEE", PLATFORM_SUBSCRIPTION_FEES, -e.amount().amount(),
                    e.amount().currency(), null, e.invoiceId(), at);
        }
    }

    @EventHandler
    void on(SubscriptionInvoiceRefunded e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (e.audience() != PlanAudience.FAN && e.amount().positive()) {
            post(eventId, 1, "SUBSCRIPTION_FEE_REFUND", PLATFORM_SUBSCRIPTION_FEES, e.amount().amount(),
                    e.amount().currency(), null, e.invoiceId(), at);
            post(eventId, 2, "SUBSCRIPTION_FEE_REFUND", STRIPE_CLEARING, -e.amount().amount(),
                    e.amount().currency(), null, e.invoiceId(), at);
        }
    }

    private void split(String eventId, String type, String from, String to, Money gross, Money net, Money fee,
                       String reference, Instant at) {
        post(eventId, 1, type, from, gross.amount(), gross.currency(), null, reference, at);
        post(eventId, 2, type, to, -net.amount(), net.currency(), null, reference, at);
        if (fee.positive()) {
            post(eventId, 3, type, PLATFORM_REVENUE, -fee.amount(), fee.currency(), null, reference, at);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE ledger_entries RESTART IDENTITY");
    }

    /**
     * Moves {@code amount} from one account to another: the receiving account is credited (negative,
     * it now owes the money onward) and the giving account debited. Written once per event id.
     */
    private void transfer(String eventId, String type, String to, String from, Money amount, String bookingId,
                          Instant at) {
        post(eventId, 1, type, from, amount.amount(), amount.currency(), bookingId, null, at);
        post(eventId, 2, type, to, -amount.amount(), amount.currency(), bookingId, null, at);
    }

    private void post(String eventId, int line, String type, String account, long amount, String currency,
                      String bookingId, String reference, Instant at) {
        writes.insert(ENTRY, eventId, line, type, account, currency, amount, bookingId, reference, ts(at));
    }
}
