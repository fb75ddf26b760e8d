package io.settle.saga.escrow;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.settle.api.Money;
import io.settle.api.booking.BookingCommands.ReleaseEscrow;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.ChargeDisputeClosed;
import io.settle.api.booking.BookingEvents.ChargeDisputeOpened;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.BookingEvents.SessionCompleted;
import io.settle.api.wallet.WalletCommands.RecordPendingEarning;
import io.settle.api.wallet.WalletCommands.ReleaseEarning;
import io.settle.api.wallet.WalletCommands.ReversePendingEarning;
import io.settle.api.wallet.WalletId;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Holds a paid booking's money through the dispute window. Records the provider's share as pending,
 * keeps the release deadline in the persistent deadline manager (moved by completion, cancelled by a
 * dispute), and on release moves the share to the provider's available balance.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class EscrowSaga {

    static final String RELEASE_DEADLINE = "escrow-release";

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;

    private String bookingId;
    private String providerId;
    private String walletId;
    private String releaseDeadlineId;
    private Instant releaseAt;

    @StartSaga
    @SagaEventHandler(associationProperty = "bookingId")
    public void on(FundsHeld event) {
        bookingId = event.bookingId();
        providerId = event.providerId();
        walletId = WalletId.of(providerId, event.providerAmount().currency());
        if (event.providerAmount().positive()) {
            commandGateway.sendAndWait(new RecordPendingEarning(walletId, providerId, bookingId, event.providerAmount()));
        }
        scheduleRelease(event.releaseAt());
    }

    @SagaEventHandler(associationProperty = "bookingId")
    public void on(SessionCompleted event) {
        if (releaseDeadlineId != null) {
            scheduleRelease(event.releaseAt());
        }
    }

    @SagaEventHandler(associationProperty = "bookingId")
    public void on(DisputeOpened event) {
        cancelRelease();
    }

    /** A Stripe dispute while the money is held freezes the release until Stripe decides. */
    @SagaEventHandler(associationProperty = "bookingId")
    public void on(ChargeDisputeOpened event) {
        if (event.frozen()) {
            cancelRelease();
        }
    }

    /**
     * Won: the release resumes at the booking's release time (at once if it has passed). Lost: the provider's
     * pending share the customer keeps leaves pending; a kept remainder is released by the booking itself.
     */
    @SagaEventHandler(associationProperty = "bookingId")
    public void on(ChargeDisputeClosed event) {
        if (event.pendingReversed().positive()) {
            commandGateway.sendAndWait(new ReversePendingEarning(walletId, providerId, bookingId,
                    event.pendingReversed()));
        }
        if (!event.lost() && event.resumeReleaseAt() != null) {
            scheduleRelease(event.resumeReleaseAt());
        }
        if (event.closesEscrow()) {
            cancelRelease();
            SagaLifecycle.end();
        }
    }

    @DeadlineHandler(deadlineName = RELEASE_DEADLINE)
    public void releaseDue() {
        releaseDeadlineId = null;
        commandGateway.sendAndWait(new ReleaseEscrow(bookingId, false));
    }

    @SagaEventHandler(associationProperty = "bookingId")
    public void on(RefundRequested event) {
        cancelRelease();
        Money reversed = event.providerAmountReversed();
        if (reversed.positive()) {
            commandGateway.sendAndWait(new ReversePendingEarning(walletId, providerId, bookingId, reversed));
        }
    }

    @SagaEventHandler(associationProperty = "bookingId")
    public void on(EscrowReleased event) {
        cancelRelease();
        if (event.providerAmount().positive()) {
            commandGateway.sendAndWait(new ReleaseEarning(walletId, providerId, bookingId, event.providerAmount()));
        }
        SagaLifecycle.end();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bookingId")
    public void on(BookingRefunded event) {
        cancelRelease();
    }

    private void scheduleRelease(Instant at) {
        cancelRelease();
        releaseAt = at;
        releaseDeadlineId = deadlineManager.schedule(at, RELEASE_DEADLINE);
    }

    private void cancelRelease() {
        if (releaseDeadlineId != null) {
            deadlineManager.cancelSchedule(RELEASE_DEADLINE, releaseDeadlineId);
            releaseDeadlineId = null;
        }
    }
}
