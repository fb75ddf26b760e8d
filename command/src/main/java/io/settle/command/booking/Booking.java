package io.settle.command.booking;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.settle.api.DomainRuleViolation;
import io.settle.api.Money;
import io.settle.api.booking.BookingCommands.AttachPaymentIntent;
import io.settle.api.booking.BookingCommands.CancelBooking;
import io.settle.api.booking.BookingCommands.CapturePayment;
import io.settle.api.booking.BookingCommands.CloseChargeDispute;
import io.settle.api.booking.BookingCommands.RecordChargeDispute;
import io.settle.api.booking.BookingCommands.CompleteSession;
import io.settle.api.booking.BookingCommands.ConfirmRefund;
import io.settle.api.booking.BookingCommands.FailPayment;
import io.settle.api.booking.BookingCommands.FailRefund;
import io.settle.api.booking.BookingCommands.OpenDispute;
import io.settle.api.booking.BookingCommands.RefundReleasedBooking;
import io.settle.api.booking.BookingCommands.ReleaseEscrow;
import io.settle.api.booking.BookingCommands.ReportFulfilmentFailure;
import io.settle.api.booking.BookingCommands.RequestBooking;
import io.settle.api.booking.BookingCommands.ResolveDispute;
import io.settle.api.booking.BookingCommands.StartSession;
import io.settle.api.booking.BookingEvents.BookingCancelled;
import io.settle.api.booking.BookingEvents.BookingFulfilmentFailed;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.BookingRequested;
import io.settle.api.booking.BookingEvents.ChargeDisputeClosed;
import io.settle.api.booking.BookingEvents.ChargeDisputeOpened;
import io.settle.api.booking.BookingEvents.ReclaimedFundsRestored;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.DisputeResolved;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.BookingEvents.PaymentCaptured;
import io.settle.api.booking.BookingEvents.PaymentFailed;
import io.settle.api.booking.BookingEvents.PaymentIntentAttached;
import io.settle.api.booking.BookingEvents.RefundFailed;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.BookingEvents.ReleasedFundsReclaimed;
import io.settle.api.booking.BookingEvents.SessionCompleted;
import io.settle.api.booking.BookingEvents.SessionStarted;
import io.settle.api.booking.BookingStatus;
import io.settle.api.booking.DisputeOutcome;
import io.settle.api.booking.PaymentSource;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A purchased session and the money that paid for it: REQUESTED → PAYMENT_PENDING → PAID (funds held) →
 * IN_PROGRESS → COMPLETED → RELEASED, with exits to PAYMENT_FAILED, CANCELLED, DISPUTED and refunds.
 * Every command is safe to repeat: a repeat of what already happened is a no-op, an illegal transition
 * is refused with INVALID_STATE and changes nothing.
 */
@Aggregate(cache = Booking.CACHE)
public class Booking {

    /** The bean (in app) that keeps recently used bookings in memory: a booking takes several commands within seconds. */
    public static final String CACHE = "bookingCache";

    private static final Set<BookingStatus> AWAITING_PAYMENT =
            EnumSet.of(BookingStatus.REQUESTED, BookingStatus.PAYMENT_PENDING, BookingStatus.PAYMENT_FAILED);
    private static final Set<BookingStatus> FUNDS_HELD =
            EnumSet.of(BookingStatus.PAID, BookingStatus.IN_PROGRESS, BookingStatus.COMPLETED);

    @AggregateIdentifier
    private String bookingId;
    private String customerId;
    private String providerId;
    private BookingStatus status;
    private Money amount;
    private Money platformFee;
    private Money providerAmount;
    private int commissionBps;
    private PaymentSource source;
    private String paymentIntentId;
    private String checkoutSessionId;
    private boolean completed;
    private boolean cancelled;
    private boolean fulfilmentFailed;
    private boolean released;
    private boolean refundFailed;
    private DisputeOutcome resolution;
    private Instant sessionEndsAt;
    private Instant paidAt;
    private Instant releaseAt;
    private boolean captured;
    private Money refundRequested;
    private Money refunded;
    private int refundCount;
    /** Of what was released: the provider's share and the fee not (or no longer) taken back. */
    private Money releasedProvider;
    private Money releasedFee;
    /** Stripe disputes seen (opened or closed), for idempotency on the dispute id. */
    private final Set<String> stripeDisputes = new HashSet<>();
    private String openStripeDispute;
    private Money stripeDisputeAmount;
    private boolean stripeDisputeWithdrawn;
    private boolean stripeDisputeFrozen;
    private BookingStatus statusBeforeStripeDispute;
    private Money stripeDisputeReclaimedProvider;
    private Money stripeDisputeReclaimedFee;

    protected Booking() {
        // for Axon: created empty, then RequestBooking or the event stream fills it
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestBooking command) {
        if (bookingId != null) {
            return;
        }
        Money price = command.price();
        if (!price.positive()) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "price must be positive");
        }
        if (command.commissionBps() < 0 || command.commissionBps() > 10_000) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "commission must be within 0..10000 bps");
        }
        if (command.sessionEndsAt().isBefore(command.scheduledAt())) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "session ends before it starts");
        }
        Money fee = price.share(command.commissionBps());
        apply(new BookingRequested(command.bookingId(), command.customerId(), command.providerId(),
                command.offeringId(), command.offeringTitle(), price, fee, price.minus(fee), command.commissionBps(),
                command.scheduledAt(), command.sessionEndsAt(), command.source(), command.notes(), now()));
    }

    @CommandHandler
    public void handle(AttachPaymentIntent command) {
        boolean sameIntent = command.paymentIntentId() == null || command.paymentIntentId().equals(paymentIntentId);
        boolean sameSession = command.checkoutSessionId() == null || command.checkoutSessionId().equals(checkoutSessionId);
        if (sameIntent && sameSession && (paymentIntentId != null || checkoutSessionId != null)) {
            return;
        }
        requireStatus(AWAITING_PAYMENT, "attach a payment");
        apply(new PaymentIntentAttached(bookingId, command.paymentIntentId(), command.checkoutSessionId()));
    }

    @CommandHandler
    public Instant handle(CapturePayment command) {
        if (captured) {
            return releaseAt;
        }
        if (command.amount() != null && !command.amount().equals(amount)) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR,
                    "captured " + command.amount() + " but the booking costs " + amount);
        }
        boolean cancelled = status == BookingStatus.CANCELLED;
        if (!cancelled) {
            requireStatus(AWAITING_PAYMENT, "capture a payment");
        }
        Instant at = now();
        apply(new PaymentCaptured(bookingId, customerId, providerId, command.paymentIntentId(), command.chargeId(),
                amount, source, at));
        if (cancelled) {
            // the customer paid after cancelling: the money goes straight back
            requestRefund(amount, providerAmount, platformFee, "payment arrived after cancellation");
            return null;
        }
        apply(new FundsHeld(bookingId, providerId, providerAmount, platformFee,
                latest(at, sessionEndsAt).plus(command.holdPeriod())));
        return releaseAt;
    }

    @CommandHandler
    public void handle(FailPayment command) {
        boolean superseded = command.paymentIntentId() != null && paymentIntentId != null
                && !command.paymentIntentId().equals(paymentIntentId);
        if (superseded || status == BookingStatus.PAYMENT_FAILED || captured || status == BookingStatus.CANCELLED) {
            return;
        }
        requireStatus(AWAITING_PAYMENT, "fail a payment");
        apply(new PaymentFailed(bookingId, command.paymentIntentId(), command.code(), command.reason()));
    }

    @CommandHandler
    public void handle(StartSession command) {
        requireParty(command.actorId(), providerId);
        if (status == BookingStatus.IN_PROGRESS) {
            return;
        }
        requireStatus(EnumSet.of(BookingStatus.PAID), "start the session");
        apply(new SessionStarted(bookingId, now()));
    }

    @CommandHandler
    public void handle(CompleteSession command) {
        requireParty(command.actorId(), providerId);
        if (completed) {
            return;
        }
        requireStatus(EnumSet.of(BookingStatus.PAID, BookingStatus.IN_PROGRESS), "complete the session");
        Instant at = now();
        apply(new SessionCompleted(bookingId, at, latest(paidAt, at).plus(command.holdPeriod())));
    }

    @CommandHandler
    public void handle(CancelBooking command) {
        requireParty(command.actorId(), customerId, providerId);
        if (cancelled) {
            return;
        }
        requireStatus(EnumSet.of(BookingStatus.REQUESTED, BookingStatus.PAYMENT_PENDING,
                BookingStatus.PAYMENT_FAILED, BookingStatus.PAID), "cancel");
        boolean refundDue = status == BookingStatus.PAID;
        apply(new BookingCancelled(bookingId, command.actorId(), command.reason(), refundDue));
        if (refundDue) {
            requestRefund(amount, providerAmount, platformFee, "cancelled: " + command.reason());
        }
    }

    @CommandHandler
    public void handle(ReportFulfilmentFailure command) {
        if (fulfilmentFailed) {
            return;
        }
        requireStatus(FUNDS_HELD, "report a failed fulfilment");
        apply(new BookingFulfilmentFailed(bookingId, customerId, providerId, command.actorId(), command.reason(),
                amount, now()));
        requestRefund(amount, providerAmount, platformFee, "fulfilment failed: " + command.reason());
    }

    @CommandHandler
    public void handle(OpenDispute command) {
        if (command.stripeDisputeId() == null) {
            requireParty(command.actorId(), customerId);
        }
        if (status == BookingStatus.DISPUTED) {
            return;
        }
        requireStatus(FUNDS_HELD, "open a dispute");
        apply(new DisputeOpened(bookingId, command.actorId(), command.reason(), command.stripeDisputeId()));
    }

    @CommandHandler
    public void handle(ResolveDispute command) {
        if (resolution != null && resolution == command.outcome()) {
            return;
        }
        requireStatus(EnumSet.of(BookingStatus.DISPUTED), "resolve a dispute");
        requireNoOpenStripeDispute("resolve a dispute");
        switch (command.outcome()) {
            case RELEASE -> {
                apply(new DisputeResolved(bookingId, DisputeOutcome.RELEASE, Money.zero(amount.currency()),
                        providerAmount, platformFee));
                release(providerAmount, platformFee, false);
            }
            case REFUND -> {
                apply(new DisputeResolved(bookingId, DisputeOutcome.REFUND, amount, Money.zero(amount.currency()),
                        Money.zero(amount.currency())));
                requestRefund(amount, providerAmount, platformFee, "dispute resolved: refund");
            }
            case PARTIAL_REFUND -> resolvePartially(command.refundAmount());
        }
    }

    private void resolvePartially(Money refund) {
        if (refund == null || !refund.currency().equals(amount.currency()) || !refund.positive()
                || !amount.isGreaterThan(refund)) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR,
                    "a partial refund must be more than zero and less than " + amount);
        }
        Money kept = amount.minus(refund);
        Money keptFee = kept.share(commissionBps);
        Money keptProvider = kept.minus(keptFee);
        apply(new DisputeResolved(bookingId, DisputeOutcome.PARTIAL_REFUND, refund, keptProvider, keptFee));
        requestRefund(refund, providerAmount.minus(keptProvider), platformFee.minus(keptFee), "dispute resolved: partial refund");
        release(keptProvider, keptFee, false);
    }

    @CommandHandler
    public void handle(ReleaseEscrow command) {
        if (released) {
            return;
        }
        requireStatus(FUNDS_HELD, "release escrow");
        release(providerAmount, platformFee, command.early());
    }

    /**
     * Refund after release: the refund is split like the booking (fee = refund.share(rate), the provider the
     * rest), capped at what each side still holds of the release; the last refund takes exactly what remains.
     */
    @CommandHandler
    public void handle(RefundReleasedBooking command) {
        if (!released) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "booking " + bookingId + " is " + status + "; only a released booking is refunded this way");
        }
        if (refundRequested != null && refundRequested.isGreaterThan(refunded)) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "a refund of booking " + bookingId + " is still in progress");
        }
        requireNoOpenStripeDispute("refund");
        if (source == PaymentSource.CREDITS && refundCount > 0) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "a credits booking is refunded at most once");
        }
        Money remaining = releasedProvider.plus(releasedFee);
        Money refund = command.amount() == null ? remaining : command.amount();
        if (!refund.currency().equals(amount.currency()) || !refund.positive() || refund.isGreaterThan(remaining)) {
            throw new DomainRuleViolation(!remaining.positive() ? DomainRuleViolation.INVALID_STATE
                    : DomainRuleViolation.VALIDATION_ERROR,
                    "a refund after release must be more than zero and at most " + remaining);
        }
        Money fee = refund.equals(remaining) ? releasedFee : refund.share(commissionBps);
        if (fee.isGreaterThan(releasedFee)) {
            fee = releasedFee;
        }
        Money provider = refund.minus(fee);
        if (provider.isGreaterThan(releasedProvider)) {
            provider = releasedProvider;
            fee = refund.minus(provider);
        }
        int number = refundCount + 1;
        String reason = command.reason() == null || command.reason().isBlank() ? "refunded by an admin after release"
                : command.reason();
        apply(new ReleasedFundsReclaimed(bookingId, providerId, "refund:" + number, provider, fee, reason));
        apply(new RefundRequested(bookingId, customerId, providerId, refund, provider, fee, source, paymentIntentId,
                number, reason));
    }

    // --- Stripe disputes (chargebacks): one at a time per charge, each applied once by its id ---

    @CommandHandler
    public void handle(RecordChargeDispute command) {
        if (stripeDisputes.contains(command.disputeId())) {
            return;
        }
        if (!captured) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "booking " + bookingId + " has no payment to dispute yet");
        }
        requireNoOpenStripeDispute("open another dispute");
        Money disputed = command.amount();
        if (disputed == null || !disputed.currency().equals(amount.currency()) || !disputed.positive()) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR, "dispute amount " + disputed
                    + " does not fit booking " + bookingId);
        }
        if (disputed.isGreaterThan(amount)) {
            disputed = amount;
        }
        boolean inquiry = command.stripeStatus() != null && command.stripeStatus().startsWith("warning_");
        boolean frozen = !released && (FUNDS_HELD.contains(status) || status == BookingStatus.DISPUTED);
        apply(new ChargeDisputeOpened(bookingId, providerId, command.disputeId(), disputed, command.reason(),
                command.stripeStatus(), !inquiry, frozen, frozen ? BookingStatus.DISPUTED : status));
        if (!inquiry) {
            reclaimForChargeback();
        }
    }

    /** After release, a chargeback takes the disputed money back from the provider and the platform's fee. */
    private void reclaimForChargeback() {
        boolean settledRefunds = refundRequested == null || !refundRequested.isGreaterThan(refunded);
        if (!released || !settledRefunds || stripeDisputeReclaimedProvider != null) {
            return;
        }
        Money remaining = releasedProvider.plus(releasedFee);
        if (!remaining.positive()) {
            return;
        }
        Money take = stripeDisputeAmount.isGreaterThan(remaining) ? remaining : stripeDisputeAmount;
        Money fee = take.equals(remaining) ? releasedFee : take.share(commissionBps);
        if (fee.isGreaterThan(releasedFee)) {
            fee = releasedFee;
        }
        Money provider = take.minus(fee);
        if (provider.isGreaterThan(releasedProvider)) {
            provider = releasedProvider;
            fee = take.minus(provider);
        }
        apply(new ReleasedFundsReclaimed(bookingId, providerId, "dispute:" + openStripeDispute, provider, fee,
                "chargeback " + openStripeDispute));
    }

    @CommandHandler
    public void handle(CloseChargeDispute command) {
        if (!stripeDisputes.contains(command.disputeId())) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "dispute " + command.disputeId() + " was never recorded on booking " + bookingId);
        }
        if (!command.disputeId().equals(openStripeDispute)) {
            return; // closed already
        }
        boolean lost = "lost".equals(command.stripeStatus());
        Money zero = Money.zero(amount.currency());
        String disputeId = openStripeDispute;
        if (!lost) {
            if (stripeDisputeReclaimedProvider != null) {
                apply(new ReclaimedFundsRestored(bookingId, providerId, "dispute:" + disputeId,
                        stripeDisputeReclaimedProvider, stripeDisputeReclaimedFee));
            }
            boolean resume = stripeDisputeFrozen && statusBeforeStripeDispute != BookingStatus.DISPUTED;
            apply(new ChargeDisputeClosed(bookingId, providerId, disputeId, command.stripeStatus(), false,
                    stripeDisputeAmount, stripeDisputeWithdrawn, zero, zero, zero, resume ? releaseAt : null, false,
                    stripeDisputeFrozen ? statusBeforeStripeDispute : status));
            return;
        }
        if (stripeDisputeFrozen) {
            Money kept = amount.minus(stripeDisputeAmount);
            Money keptFee = kept.share(commissionBps);
            Money keptProvider = kept.minus(keptFee);
            boolean whole = !kept.positive();
            apply(new ChargeDisputeClosed(bookingId, providerId, disputeId, command.stripeStatus(), true,
                    stripeDisputeAmount, stripeDisputeWithdrawn, stripeDisputeAmount, zero,
                    providerAmount.minus(keptProvider), null, whole, BookingStatus.CHARGED_BACK));
            if (!whole) {
                release(keptProvider, keptFee, false);
            }
            return;
        }
        reclaimForChargeback();
        Money fromEscrow = stripeDisputeReclaimedProvider == null ? zero
                : stripeDisputeReclaimedProvider.plus(stripeDisputeReclaimedFee);
        apply(new ChargeDisputeClosed(bookingId, providerId, disputeId, command.stripeStatus(), true,
                stripeDisputeAmount, stripeDisputeWithdrawn, fromEscrow, stripeDisputeAmount.minus(fromEscrow), zero,
                null, false, BookingStatus.CHARGED_BACK));
    }

    private void requireNoOpenStripeDispute(String action) {
        if (openStripeDispute != null) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE, "cannot " + action
                    + ": Stripe dispute " + openStripeDispute + " is open and its outcome decides");
        }
    }

    @CommandHandler
    public void handle(ConfirmRefund command) {
        if (refundRequested == null) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "booking " + bookingId + " has no refund requested; refunds made outside Settle need an admin");
        }
        Money total = command.totalRefunded();
        if (!total.currency().equals(amount.currency())) {
            throw new DomainRuleViolation(DomainRuleViolation.VALIDATION_ERROR,
                    "refund in " + total.currency() + " for a booking in " + amount.currency());
        }
        if (!total.isGreaterThan(refunded) || refundRequested.isGreaterThan(total)) {
            return; // nothing new, or Stripe has refunded only part of what we asked so far
        }
        Money newlyRefunded = total.minus(refunded);
        apply(new BookingRefunded(bookingId, customerId, source, newlyRefunded, total, amount.isGreaterThan(total),
                command.refundId(), now()));
    }

    @CommandHandler
    public void handle(FailRefund command) {
        if (refundFailed || refundRequested == null || !refundRequested.isGreaterThan(refunded)) {
            return;
        }
        apply(new RefundFailed(bookingId, refundRequested.minus(refunded), command.reason(), command.attempts()));
    }

    private void release(Money toProvider, Money fee, boolean early) {
        apply(new EscrowReleased(bookingId, providerId, toProvider, fee, early, now()));
    }

    private void requestRefund(Money refund, Money providerPart, Money feePart, String reason) {
        apply(new RefundRequested(bookingId, customerId, providerId, refund, providerPart, feePart, source,
                paymentIntentId, 1, reason));
    }

    private void requireStatus(Set<BookingStatus> allowed, String action) {
        if (!allowed.contains(status)) {
            throw new DomainRuleViolation(DomainRuleViolation.INVALID_STATE,
                    "cannot " + action + " while the booking is " + status);
        }
    }

    /** Strangers learn nothing (NOT_FOUND); the other party is told it is not theirs to do (FORBIDDEN). */
    private void requireParty(String actorId, String... allowed) {
        for (String party : allowed) {
            if (party.equals(actorId)) {
                return;
            }
        }
        if (actorId == null || !(actorId.equals(customerId) || actorId.equals(providerId))) {
            throw new DomainRuleViolation(DomainRuleViolation.NOT_A_PARTY, "booking " + bookingId + " not found");
        }
        throw new DomainRuleViolation(DomainRuleViolation.WRONG_PARTY, "this action belongs to the other party of the booking");
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(BookingRequested event) {
        bookingId = event.bookingId();
        customerId = event.customerId();
        providerId = event.providerId();
        amount = event.amount();
        platformFee = event.platformFee();
        providerAmount = event.providerAmount();
        commissionBps = event.commissionBps();
        source = event.source();
        sessionEndsAt = event.sessionEndsAt();
        refunded = Money.zero(amount.currency());
        status = BookingStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentIntentAttached event) {
        if (event.paymentIntentId() != null) {
            paymentIntentId = event.paymentIntentId();
        }
        if (event.checkoutSessionId() != null) {
            checkoutSessionId = event.checkoutSessionId();
        }
        status = BookingStatus.PAYMENT_PENDING;
    }

    @EventSourcingHandler
    void on(PaymentCaptured event) {
        captured = true;
        paidAt = event.capturedAt();
        if (event.paymentIntentId() != null) {
            paymentIntentId = event.paymentIntentId();
        }
    }

    @EventSourcingHandler
    void on(FundsHeld event) {
        releaseAt = event.releaseAt();
        status = BookingStatus.PAID;
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        status = BookingStatus.PAYMENT_FAILED;
    }

    @EventSourcingHandler
    void on(SessionStarted event) {
        status = BookingStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(SessionCompleted event) {
        completed = true;
        releaseAt = event.releaseAt();
        status = BookingStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(BookingCancelled event) {
        cancelled = true;
        status = BookingStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(BookingFulfilmentFailed event) {
        fulfilmentFailed = true;
    }

    @EventSourcingHandler
    void on(DisputeOpened event) {
        status = BookingStatus.DISPUTED;
    }

    @EventSourcingHandler
    void on(EscrowReleased event) {
        released = true;
        status = BookingStatus.RELEASED;
        providerAmount = event.providerAmount();
        platformFee = event.platformFee();
        releasedProvider = event.providerAmount();
        releasedFee = event.platformFee();
    }

    @EventSourcingHandler
    void on(ReleasedFundsReclaimed event) {
        releasedProvider = releasedProvider.minus(event.providerAmount());
        releasedFee = releasedFee.minus(event.platformFee());
        if (openStripeDispute != null && event.reference().equals("dispute:" + openStripeDispute)) {
            stripeDisputeReclaimedProvider = event.providerAmount();
            stripeDisputeReclaimedFee = event.platformFee();
        }
    }

    @EventSourcingHandler
    void on(ReclaimedFundsRestored event) {
        releasedProvider = releasedProvider.plus(event.providerAmount());
        releasedFee = releasedFee.plus(event.platformFee());
    }

    @EventSourcingHandler
    void on(ChargeDisputeOpened event) {
        stripeDisputes.add(event.disputeId());
        openStripeDispute = event.disputeId();
        stripeDisputeAmount = event.amount();
        stripeDisputeWithdrawn = event.fundsWithdrawn();
        stripeDisputeFrozen = event.frozen();
        statusBeforeStripeDispute = status;
        stripeDisputeReclaimedProvider = null;
        stripeDisputeReclaimedFee = null;
        status = event.statusAfter();
    }

    @EventSourcingHandler
    void on(ChargeDisputeClosed event) {
        openStripeDispute = null;
        status = event.statusAfter();
    }

    @EventSourcingHandler
    void on(DisputeResolved event) {
        resolution = event.outcome();
    }

    @EventSourcingHandler
    void on(RefundFailed event) {
        refundFailed = true;
    }

    @EventSourcingHandler
    void on(RefundRequested event) {
        refundRequested = refundRequested == null ? event.amount() : refundRequested.plus(event.amount());
        refundCount = Math.max(refundCount, event.refundNumber());
        if (status != BookingStatus.CANCELLED) {
            status = BookingStatus.REFUND_PENDING;
        }
    }

    @EventSourcingHandler
    void on(BookingRefunded event) {
        refunded = event.totalRefunded();
        status = event.partial() ? BookingStatus.PARTIALLY_REFUNDED : BookingStatus.REFUNDED;
    }
}
