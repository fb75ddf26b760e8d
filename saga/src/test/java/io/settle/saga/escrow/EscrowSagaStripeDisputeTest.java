package io.settle.saga.escrow;

import static io.settle.saga.support.BookingHistory.BOOKING;
import static io.settle.saga.support.BookingHistory.PAID_AT;
import static io.settle.saga.support.BookingHistory.PROVIDER;
import static io.settle.saga.support.BookingHistory.PROVIDER_WALLET;
import static io.settle.saga.support.BookingHistory.RELEASE_AT;
import static io.settle.saga.support.BookingHistory.usd;

import io.settle.api.booking.BookingCommands.ReleaseEscrow;
import io.settle.api.booking.BookingEvents.ChargeDisputeClosed;
import io.settle.api.booking.BookingEvents.ChargeDisputeOpened;
import io.settle.api.booking.BookingStatus;
import io.settle.api.wallet.WalletCommands.ReversePendingEarning;
import io.settle.saga.support.BookingHistory;
import java.time.Duration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Stripe dispute while the money is held: the escrow deadline must not release a disputed booking. */
class EscrowSagaStripeDisputeTest {

    private static final String RELEASE = "escrow-release";

    private SagaTestFixture<EscrowSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(EscrowSaga.class);
    }

    private static ChargeDisputeOpened opened() {
        return new ChargeDisputeOpened(BOOKING, PROVIDER, "dp_1", usd(3000), "fraudulent", "needs_response", true,
                true, BookingStatus.DISPUTED);
    }

    private static ChargeDisputeClosed closed(boolean lost, long pendingReversed, boolean closesEscrow) {
        return new ChargeDisputeClosed(BOOKING, PROVIDER, "dp_1", lost ? "lost" : "won", lost, usd(3000), true,
                usd(lost ? 3000 : 0), usd(0), usd(pendingReversed), lost ? null : RELEASE_AT, closesEscrow,
                lost ? BookingStatus.CHARGED_BACK : BookingStatus.PAID);
    }

    @Test
    void a_dispute_cancels_the_release_and_the_deadline_never_fires() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .whenPublishingA(opened())
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands();
        fixture.whenTimeElapses(Duration.ofDays(30))
               .expectNoDispatchedCommands();
    }

    @Test
    void a_won_dispute_resumes_the_release_at_the_booking_release_time() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(opened())
               .whenPublishingA(closed(false, 0, false))
               .expectScheduledDeadlineWithName(RELEASE_AT, RELEASE)
               .expectNoDispatchedCommands();
        fixture.whenTimeAdvancesTo(RELEASE_AT)
               .expectDispatchedCommands(new ReleaseEscrow(BOOKING, false));
    }

    @Test
    void a_lost_dispute_reverses_the_pending_share_and_ends_the_saga() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(opened())
               .whenPublishingA(closed(true, 2700, true))
               .expectDispatchedCommands(new ReversePendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }
}
