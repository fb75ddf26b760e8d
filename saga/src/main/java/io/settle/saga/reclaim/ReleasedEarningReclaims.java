package io.settle.saga.reclaim;

import io.settle.api.booking.BookingEvents.ReclaimedFundsRestored;
import io.settle.api.booking.BookingEvents.ReleasedFundsReclaimed;
import io.settle.api.wallet.WalletCommands.ReclaimEarning;
import io.settle.api.wallet.WalletCommands.RestoreEarning;
import io.settle.api.wallet.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Money taken back from a booking after its release (an admin refund, a chargeback) leaves the provider's
 * wallet: the booking's {@link ReleasedFundsReclaimed} becomes the Wallet's {@link ReclaimEarning}, which
 * applies once per booking and reference, so a redelivered event changes nothing; a dispute won after release
 * gives it back ({@link ReclaimedFundsRestored} → {@link RestoreEarning}). Stateless: the escrow saga
 * of a released booking has ended, and nothing here waits for anything. Never replayed.
 */
@Component
@ProcessingGroup("released-earning-reclaims")
public class ReleasedEarningReclaims {

    private final CommandGateway commandGateway;

    public ReleasedEarningReclaims(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    @DisallowReplay
    void on(ReleasedFundsReclaimed event) {
        if (event.providerAmount().positive()) {
            commandGateway.sendAndWait(new ReclaimEarning(WalletId.of(event.providerId(),
                    event.providerAmount().currency()), event.providerId(), event.bookingId(), event.reference(),
                    event.providerAmount(), event.reason()));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(ReclaimedFundsRestored event) {
        if (event.providerAmount().positive()) {
            commandGateway.sendAndWait(new RestoreEarning(WalletId.of(event.providerId(),
                    event.providerAmount().currency()), event.providerId(), event.bookingId(), event.reference(),
                    event.providerAmount()));
        }
    }
}
