package io.settle.saga.escrow;

import static io.settle.saga.support.BookingHistory.BOOKING;
import static io.settle.saga.support.BookingHistory.OTHER_BOOKING;
import static io.settle.saga.support.BookingHistory.PAID_AT;
import static io.settle.saga.support.BookingHistory.PROVIDER;
import static io.settle.saga.support.BookingHistory.PROVIDER_WALLET;
import static io.settle.saga.support.BookingHistory.RELEASE_AT;
import static io.settle.saga.support.BookingHistory.SESSION_ENDS_AT;
import static io.settle.saga.support.BookingHistory.usd;

import io.settle.api.booking.BookingCommands.ReleaseEscrow;
import io.settle.api.booking.BookingEvents.DisputeOpened;
import io.settle.api.booking.BookingEvents.FundsHeld;
import io.settle.api.booking.PaymentSource;
import io.settle.api.wallet.WalletCommands.RecordPendingEarning;
import io.settle.api.wallet.WalletCommands.ReleaseEarning;
import io.settle.api.wallet.WalletCommands.ReversePendingEarning;
import io.settle.saga.support.BookingHistory;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The escrow saga with Axon's own command gateway (a DefaultCommandGateway on the fixture's recording
 * command bus) and StubDeadlineManager, both injected by the fixture into the saga's @Autowired fields.
 */
class EscrowSagaTest {

    private static final String RELEASE = "escrow-release";

    private SagaTestFixture<EscrowSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(EscrowSaga.class);
    }

    @Test
    void funds_held_records_the_pending_earning_and_schedules_the_release() {
        fixture.givenCurrentTime(PAID_AT)
               .whenPublishingA(BookingHistory.fundsHeld())
               .expectActiveSagas(1)
               .expectAssociationWith("bookingId", BOOKING)
               .expectDispatchedCommands(new RecordPendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
               .expectScheduledDeadlineWithName(RELEASE_AT, RELEASE);
    }

    @Test
    void a_zero_provider_share_records_no_pending_earning_but_still_schedules_the_release() {
        // 1 cent at 5000 bps: fee round-half-up(0.5) = 1, provider share 0
        fixture.givenCurrentTime(PAID_AT)
               .whenPublishingA(new FundsHeld(BOOKING, PROVIDER, usd(0), usd(1), RELEASE_AT))
               .expectNoDispatchedCommands()
               .expectScheduledDeadlineWithName(RELEASE_AT, RELEASE);
    }

    @Test
    void nothing_is_released_before_the_deadline() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .whenTimeAdvancesTo(RELEASE_AT.minusSeconds(1))
               .expectTriggeredDeadlines()
               .expectNoDispatchedCommands()
               .expectScheduledDeadlineWithName(RELEASE_AT, RELEASE);
    }

    @Test
    void the_release_deadline_releases_the_escrow() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .whenTimeAdvancesTo(RELEASE_AT)
               .expectTriggeredDeadlinesWithName(RELEASE)
               .expectDispatchedCommands(new ReleaseEscrow(BOOKING, false))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(1);
    }

    @Test
    void a_late_completion_moves_the_release_later() {
        Instant completedAt = SESSION_ENDS_AT.plus(Duration.ofHours(2));
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .whenPublishingA(BookingHistory.completedAt(completedAt))
               .expectScheduledDeadlineWithName(completedAt.plus(BookingHistory.HOLD), RELEASE)
               .expectNoScheduledDeadlineWithName(RELEASE_AT, RELEASE)
               .expectNoDispatchedCommands();
    }

    @Test
    void after_a_late_completion_nothing_is_released_at_the_original_deadline() {
        Instant completedAt = SESSION_ENDS_AT.plus(Duration.ofHours(2));
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(BookingHistory.completedAt(completedAt))
               .whenTimeAdvancesTo(RELEASE_AT)
               .expectTriggeredDeadlines()
               .expectNoDispatchedCommands();
    }

    @Test
    void after_a_late_completion_the_escrow_is_released_at_the_moved_deadline() {
        Instant completedAt = SESSION_ENDS_AT.plus(Duration.ofHours(2));
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(BookingHistory.completedAt(completedAt))
               .whenTimeAdvancesTo(completedAt.plus(BookingHistory.HOLD))
               .expectTriggeredDeadlinesWithName(RELEASE)
               .expectDispatchedCommands(new ReleaseEscrow(BOOKING, false));
    }

    @Test
    void an_early_completion_brings_the_release_forward() {
        Instant completedAt = SESSION_ENDS_AT.minus(Duration.ofMinutes(10));
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(BookingHistory.completedAt(completedAt))
               .whenTimeAdvancesTo(completedAt.plus(BookingHistory.HOLD))
               .expectTriggeredDeadlinesWithName(RELEASE)
               .expectDispatchedCommands(new ReleaseEscrow(BOOKING, false));
    }

    @Test
    void a_dispute_cancels_the_release_deadline() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .whenPublishingA(BookingHistory.disputeOpened())
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
    }

    @Test
    void a_disputed_booking_is_not_released_when_the_deadline_passes() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(BookingHistory.disputeOpened())
               .whenTimeAdvancesTo(RELEASE_AT.plus(Duration.ofDays(30)))
               .expectTriggeredDeadlines()
               .expectNoDispatchedCommands();
    }

    @Test
    void a_dispute_on_another_booking_leaves_this_release_in_place() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .whenPublishingA(new DisputeOpened(OTHER_BOOKING, "customer-2", "no show", null))
               .expectScheduledDeadlineWithName(RELEASE_AT, RELEASE)
               .expectNoDispatchedCommands();
    }

    @Test
    void a_refund_reverses_the_pending_earning_and_cancels_the_release() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .whenPublishingA(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .expectDispatchedCommands(new ReversePendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(1);
    }

    @Test
    void after_a_refund_nothing_is_released_when_the_deadline_passes() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .whenTimeAdvancesTo(RELEASE_AT.plus(Duration.ofDays(1)))
               .expectTriggeredDeadlines()
               .expectNoDispatchedCommands();
    }

    @Test
    void a_partial_refund_reverses_only_the_provider_part_it_takes_back() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(BookingHistory.disputeOpened())
               .whenPublishingA(BookingHistory.partialRefundRequested())
               .expectDispatchedCommands(new ReversePendingEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(900)));
    }

    @Test
    void the_rest_of_a_partially_refunded_booking_is_released_to_the_provider() {
        Instant resolvedAt = RELEASE_AT.plus(Duration.ofDays(1));
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(BookingHistory.disputeOpened())
               .andThenAPublished(BookingHistory.partialRefundRequested())
               .whenPublishingA(BookingHistory.released(1800, 200, resolvedAt))
               .expectDispatchedCommands(new ReleaseEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(1800)))
               .expectActiveSagas(0);
    }

    @Test
    void escrow_released_makes_the_earning_available_and_ends_the_saga() throws Exception {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenTimeAdvancesTo(RELEASE_AT)
               .whenPublishingA(BookingHistory.released(2700, 300, RELEASE_AT))
               .expectDispatchedCommands(new ReleaseEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
               .expectActiveSagas(0);
    }

    @Test
    void an_early_release_cancels_the_deadline_and_ends_the_saga() {
        Instant early = PAID_AT.plus(Duration.ofHours(1));
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .whenPublishingA(BookingHistory.released(2700, 300, early))
               .expectDispatchedCommands(new ReleaseEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void a_dispute_resolved_with_release_pays_the_provider_and_ends_the_saga() {
        Instant resolvedAt = RELEASE_AT.plus(Duration.ofDays(2));
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(BookingHistory.disputeOpened())
               .whenPublishingA(BookingHistory.released(2700, 300, resolvedAt))
               .expectDispatchedCommands(new ReleaseEarning(PROVIDER_WALLET, PROVIDER, BOOKING, usd(2700)))
               .expectActiveSagas(0);
    }

    @Test
    void booking_refunded_ends_the_saga() {
        fixture.givenCurrentTime(PAID_AT)
               .andThenAPublished(BookingHistory.fundsHeld())
               .andThenAPublished(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .whenPublishingA(BookingHistory.refunded(PaymentSource.CARD))
               .expectNoDispatchedCommands()
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void events_without_held_funds_start_no_saga() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(BookingHistory.fullRefundRequested(PaymentSource.CARD))
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }
}
