package io.settle.command.booking;

import static io.settle.command.booking.Bookings.ID;
import static io.settle.command.booking.Bookings.PROVIDER;
import static io.settle.command.booking.Bookings.RELEASE_AT;
import static io.settle.command.booking.Bookings.usd;
import static io.settle.command.booking.Bookings.with;
import static io.settle.command.support.Violations.violation;

import io.settle.api.DomainRuleViolation;
import io.settle.api.booking.BookingCommands.CloseChargeDispute;
import io.settle.api.booking.BookingCommands.RecordChargeDispute;
import io.settle.api.booking.BookingCommands.RefundReleasedBooking;
import io.settle.api.booking.BookingCommands.ReleaseEscrow;
import io.settle.api.booking.BookingCommands.ResolveDispute;
import io.settle.api.booking.BookingEvents.ChargeDisputeClosed;
import io.settle.api.booking.BookingEvents.ChargeDisputeOpened;
import io.settle.api.booking.BookingEvents.EscrowReleased;
import io.settle.api.booking.BookingEvents.ReclaimedFundsRestored;
import io.settle.api.booking.BookingEvents.ReleasedFundsReclaimed;
import io.settle.api.booking.BookingStatus;
import io.settle.api.booking.DisputeOutcome;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stripe disputes (chargebacks) recorded on the booking: frozen in escrow, or reclaimed after release. */
class StripeDisputeTest {

    private static final String DP = "dp_1";

    private FixtureConfiguration<Booking> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Booking.class);
    }

    private static RecordChargeDispute dispute(long amount) {
        return new RecordChargeDispute(ID, DP, usd(amount), "fraudulent", "needs_response");
    }

    private static ChargeDisputeOpened openedHeld(long amount) {
        return new ChargeDisputeOpened(ID, PROVIDER, DP, usd(amount), "fraudulent", "needs_response", true, true,
                BookingStatus.DISPUTED);
    }

    private static ChargeDisputeOpened openedReleased() {
        return new ChargeDisputeOpened(ID, PROVIDER, DP, usd(3000), "fraudulent", "needs_response", true, false,
                BookingStatus.RELEASED);
    }

    private static ReleasedFundsReclaimed chargeback() {
        return new ReleasedFundsReclaimed(ID, PROVIDER, "dispute:" + DP, usd(2700), usd(300), "chargeback " + DP);
    }

    @Test
    void a_dispute_while_the_money_is_held_freezes_it_and_is_recorded_once() {
        fixture.given(Bookings.paid())
               .when(dispute(3000))
               .expectEvents(openedHeld(3000));
        fixture.given(with(Bookings.paid(), openedHeld(3000)))
               .when(dispute(3000))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
        fixture.given(with(Bookings.paid(), openedHeld(3000)))
               .when(new ReleaseEscrow(ID, false))
               .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }

    @Test
    void a_held_dispute_lost_in_full_charges_the_booking_back_and_reverses_the_pending_share() {
        fixture.given(with(Bookings.paid(), openedHeld(3000)))
               .when(new CloseChargeDispute(ID, DP, "lost"))
               .expectEvents(new ChargeDisputeClosed(ID, PROVIDER, DP, "lost", true, usd(3000), true, usd(3000),
                       usd(0), usd(2700), null, true, BookingStatus.CHARGED_BACK));
        fixture.given(with(Bookings.paid(), openedHeld(3000),
                        new ChargeDisputeClosed(ID, PROVIDER, DP, "lost", true, usd(3000), true, usd(3000), usd(0),
                                usd(2700), null, true, BookingStatus.CHARGED_BACK)))
               .when(new CloseChargeDispute(ID, DP, "lost"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void a_held_dispute_lost_in_part_releases_what_the_customer_did_not_dispute() {
        // $10 disputed of $30: $20 kept, fee 200, provider 1800; pending loses 2700 - 1800 = 900
        fixture.givenCurrentTime(RELEASE_AT).andGiven(with(Bookings.paid(), openedHeld(1000)))
               .when(new CloseChargeDispute(ID, DP, "lost"))
               .expectEvents(new ChargeDisputeClosed(ID, PROVIDER, DP, "lost", true, usd(1000), true, usd(1000),
                               usd(0), usd(900), null, false, BookingStatus.CHARGED_BACK),
                       new EscrowReleased(ID, PROVIDER, usd(1800), usd(200), false, RELEASE_AT));
    }

    @Test
    void a_held_dispute_won_unfreezes_the_escrow_at_its_release_time() {
        fixture.given(with(Bookings.paid(), openedHeld(3000)))
               .when(new CloseChargeDispute(ID, DP, "won"))
               .expectEvents(new ChargeDisputeClosed(ID, PROVIDER, DP, "won", false, usd(3000), true, usd(0), usd(0),
                       usd(0), RELEASE_AT, false, BookingStatus.PAID));
    }

    @Test
    void while_a_stripe_dispute_is_open_the_admin_cannot_resolve_the_customers_dispute() {
        List<Object> both = with(Bookings.disputed(), new ChargeDisputeOpened(ID, PROVIDER, DP, usd(3000),
                "fraudulent", "needs_response", true, true, BookingStatus.DISPUTED));
        fixture.given(both)
               .when(new ResolveDispute(ID, DisputeOutcome.RELEASE, null))
               .expectException(violation(DomainRuleViolation.INVALID_STATE));
        // won: back to the customer's dispute, which the admin still resolves; no release resumes
        fixture.given(both)
               .when(new CloseChargeDispute(ID, DP, "won"))
               .expectEvents(new ChargeDisputeClosed(ID, PROVIDER, DP, "won", false, usd(3000), true, usd(0),
                       usd(0), usd(0), null, false, BookingStatus.DISPUTED));
    }

    @Test
    void after_release_a_dispute_takes_the_money_back_from_provider_and_platform() {
        fixture.given(Bookings.released())
               .when(dispute(3000))
               .expectEvents(openedReleased(), chargeback());
        fixture.given(with(Bookings.released(), openedReleased(), chargeback()))
               .when(new RefundReleasedBooking(ID, null, "x"))
               .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }

    @Test
    void after_release_a_won_dispute_restores_what_was_taken_and_a_lost_one_pays_the_customer_from_escrow() {
        List<Object> open = with(Bookings.released(), openedReleased(), chargeback());
        fixture.given(open)
               .when(new CloseChargeDispute(ID, DP, "won"))
               .expectEvents(new ReclaimedFundsRestored(ID, PROVIDER, "dispute:" + DP, usd(2700), usd(300)),
                       new ChargeDisputeClosed(ID, PROVIDER, DP, "won", false, usd(3000), true, usd(0), usd(0),
                               usd(0), null, false, BookingStatus.RELEASED));
        fixture.given(open)
               .when(new CloseChargeDispute(ID, DP, "lost"))
               .expectEvents(new ChargeDisputeClosed(ID, PROVIDER, DP, "lost", true, usd(3000), true, usd(3000),
                       usd(0), usd(0), null, false, BookingStatus.CHARGED_BACK));
    }

    @Test
    void an_inquiry_moves_no_money_until_it_is_lost() {
        ChargeDisputeOpened inquiry = new ChargeDisputeOpened(ID, PROVIDER, DP, usd(3000), "fraudulent",
                "warning_needs_response", false, false, BookingStatus.RELEASED);
        fixture.given(Bookings.released())
               .when(new RecordChargeDispute(ID, DP, usd(3000), "fraudulent", "warning_needs_response"))
               .expectEvents(inquiry);
        fixture.given(with(Bookings.released(), inquiry))
               .when(new CloseChargeDispute(ID, DP, "lost"))
               .expectEvents(chargeback(), new ChargeDisputeClosed(ID, PROVIDER, DP, "lost", true, usd(3000), false,
                       usd(3000), usd(0), usd(0), null, false, BookingStatus.CHARGED_BACK));
        fixture.given(with(Bookings.released(), inquiry))
               .when(new CloseChargeDispute(ID, DP, "warning_closed"))
               .expectEvents(new ChargeDisputeClosed(ID, PROVIDER, DP, "warning_closed", false, usd(3000), false,
                       usd(0), usd(0), usd(0), null, false, BookingStatus.RELEASED));
    }

    @Test
    void a_dispute_on_money_the_booking_no_longer_holds_is_the_platforms_loss() {
        List<Object> cancelled = Bookings.cancelledAfterPayment();
        ChargeDisputeOpened opened = new ChargeDisputeOpened(ID, PROVIDER, DP, usd(3000), "fraudulent",
                "needs_response", true, false, BookingStatus.CANCELLED);
        fixture.given(cancelled)
               .when(dispute(3000))
               .expectEvents(opened);
        fixture.given(with(cancelled, opened))
               .when(new CloseChargeDispute(ID, DP, "lost"))
               .expectEvents(new ChargeDisputeClosed(ID, PROVIDER, DP, "lost", true, usd(3000), true, usd(0),
                       usd(3000), usd(0), null, false, BookingStatus.CHARGED_BACK));
    }

    @Test
    void closing_an_unknown_dispute_is_refused_and_a_booking_without_payment_cannot_be_disputed() {
        fixture.given(Bookings.paid())
               .when(new CloseChargeDispute(ID, "dp_unknown", "lost"))
               .expectException(violation(DomainRuleViolation.INVALID_STATE));
        fixture.given(Bookings.awaitingPayment())
               .when(dispute(3000))
               .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }
}
