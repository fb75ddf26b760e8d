package io.settle.app.booking;

import io.settle.api.Money;
import io.settle.api.booking.BookingCommands.AttachPaymentIntent;
import io.settle.api.booking.BookingCommands.CapturePayment;
import io.settle.api.booking.BookingCommands.FailPayment;
import io.settle.api.booking.BookingCommands.RequestBooking;
import io.settle.api.booking.BookingStatus;
import io.settle.api.booking.PaymentSource;
import io.settle.api.wallet.WalletCommands.ReturnCredits;
import io.settle.api.wallet.WalletCommands.SpendCredits;
import io.settle.api.wallet.WalletId;
import io.settle.app.axon.Commands;
import io.settle.app.catalog.OfferingRepository;
import io.settle.app.catalog.OfferingRepository.Offering;
import io.settle.app.subscription.BillingCustomers;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.settle.command.booking.CommissionPolicy;
import io.settle.saga.payment.CheckoutSessionResult;
import io.settle.saga.payment.CreateCheckoutSession;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.PaymentGateway;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentIntentResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Step 1 and 2 of a booking (DESIGN.md): record the request with the commission rate in force, then
 * create the payment at Stripe (or debit credits). A failed gateway call marks the booking failed; it is
 * never left dangling.
 */
@Service
public class BookingService {

    private static final Duration LATEST_BOOKABLE = Duration.ofDays(2 * 366);
    private static final Duration EARLIEST_BOOKABLE = Duration.ofHours(1);

    private final Commands commands;
    private final OfferingRepository offerings;
    private final CommissionPolicy commissionPolicy;
    private final PaymentGateway gateway;
    private final Duration holdPeriod;
    private final String checkoutReturnUrl;
    private final BillingCustomers billingCustomers;
    private final Clock clock;

    public BookingService(Commands commands, OfferingRepository offerings, CommissionPolicy commissionPolicy,
                          PaymentGateway gateway, BookingSettings.HoldPeriod holdPeriod,
                          @Value("${settle.checkout.return-url}") String checkoutReturnUrl,
                          BillingCustomers billingCustomers, Clock clock) {
        this.commands = commands;
        this.offerings = offerings;
        this.commissionPolicy = commissionPolicy;
        this.gateway = gateway;
        this.holdPeriod = holdPeriod.value();
        this.checkoutReturnUrl = checkoutReturnUrl;
        this.billingCustomers = billingCustomers;
        this.clock = clock;
    }

    public BookingResponse book(String customerId, BookingRequest request) {
        Offering offering = offerings.find(request.offeringId()).filter(Offering::active)
                .orElseThrow(() -> ApiException.validation("Unknown or inactive offering " + request.offeringId()));
        if (offering.providerId().equals(customerId)) {
            throw ApiException.validation("Providers cannot book their own offering");
        }
        Instant now = clock.instant();
        if (request.scheduledAt().isBefore(now.minus(EARLIEST_BOOKABLE))
                || request.scheduledAt().isAfter(now.plus(LATEST_BOOKABLE))) {
            throw ApiException.validation("scheduledAt must be between an hour ago and two years ahead");
        }
        String bookingId = "bk_" + UUID.randomUUID().toString().replace("-", "");
        int bps = commissionPolicy.basisPointsFor(offering.providerId());
        PaymentSource source = request.paymentSource() == null ? PaymentSource.CARD : request.paymentSource().toSource();
        RequestBooking requestBooking = new RequestBooking(bookingId, customerId, offering.providerId(), offering.id(),
                offering.title(), offering.price(), bps, request.scheduledAt(),
                request.scheduledAt().plus(Duration.ofMinutes(offering.durationMinutes())), source, request.notes());
        Money fee = offering.price().share(bps);
        if (source == PaymentSource.CREDITS) {
            return payWithCredits(requestBooking, fee);
        }
        commands.send(requestBooking);
        return request.paymentFlow() == BookingRequest.PaymentFlow.checkout_session
                ? payWithCheckout(requestBooking, fee)
                : payWithPaymentIntent(requestBooking, fee, request.paymentMethodId());
    }

    private BookingResponse payWithCredits(RequestBooking booking, Money fee) {
        String wallet = WalletId.of(booking.customerId(), booking.price().currency());
        commands.send(new SpendCredits(wallet, booking.customerId(), booking.bookingId(), booking.price()));
        Instant releaseAt;
        try {
            commands.send(booking);
            releaseAt = commands.send(new CapturePayment(booking.bookingId(), null, null, booking.price(), holdPeriod));
        } catch (RuntimeException e) {
            commands.send(new ReturnCredits(wallet, booking.customerId(), booking.bookingId(), booking.price()));
            throw e;
        }
        return response(booking, fee, BookingStatus.PAID, releaseAt, null);
    }

    private BookingResponse payWithPaymentIntent(RequestBooking booking, Money fee, String paymentMethodId) {
        PaymentIntentResult intent;
        try {
            intent = gateway.createPaymentIntent(billingCustomers.withSavedMethodCustomer(booking.customerId(),
                    new CreatePaymentIntent(booking.price().amount(), booking.price().currency(), paymentMethodId,
                            booking.offeringTitle(), booking.bookingId(), metadata(booking),
                            "booking:" + booking.bookingId() + ":pi")));
        } catch (PaymentGatewayException e) {
            throw failed(booking.bookingId(), null, e);
        }
        commands.send(new AttachPaymentIntent(booking.bookingId(), intent.id(), null));
        BookingResponse.Payment payment = new BookingResponse.Payment(intent.id(), null, intent.clientSecret(),
                intent.status(), intent.failureCode(), intent.failureMessage());
        if (intent.declined()) {
            commands.send(new FailPayment(booking.bookingId(), intent.id(), intent.failureCode(), intent.failureMessage()));
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, ErrorCodes.PAYMENT_REQUIRED,
                    "The payment was declined: " + intent.failureMessage())
                    .with("bookingId", booking.bookingId()).with("declineCode", intent.failureCode());
        }
        if (intent.succeeded()) {
            // Stripe said so synchronously; the payment_intent.succeeded webhook will find it already captured
            Instant releaseAt = commands.send(new CapturePayment(booking.bookingId(), intent.id(),
                    intent.latestChargeId(), Money.of(intent.amount(), intent.currency()), holdPeriod));
            return response(booking, fee, BookingStatus.PAID, releaseAt, payment);
        }
        return response(booking, fee, BookingStatus.PAYMENT_PENDING, null, payment);
    }

    private BookingResponse payWithCheckout(RequestBooking booking, Money fee) {
        CheckoutSessionResult session;
        try {
            session = gateway.createCheckoutSession(new CreateCheckoutSession(booking.price().amount(),
                    booking.price().currency(), booking.offeringTitle(), checkoutReturnUrl, booking.bookingId(),
                    metadata(booking), "booking:" + booking.bookingId() + ":checkout"));
        } catch (PaymentGatewayException e) {
            throw failed(booking.bookingId(), null, e);
        }
        commands.send(new AttachPaymentIntent(booking.bookingId(), session.paymentIntentId(), session.id()));
        return response(booking, fee, BookingStatus.PAYMENT_PENDING, null, new BookingResponse.Payment(
                session.paymentIntentId(), session.id(), session.clientSecret(), session.status(), null, null));
    }

    private ApiException failed(String bookingId, String paymentIntentId, PaymentGatewayException e) {
        commands.send(new FailPayment(bookingId, paymentIntentId, e.code() == null ? e.kind().name() : e.code(),
                e.getMessage()));
        if (e.kind() == PaymentGatewayException.Kind.DECLINED) {
            return new ApiException(HttpStatus.PAYMENT_REQUIRED, ErrorCodes.PAYMENT_REQUIRED,
                    "The payment was declined: " + e.getMessage()).with("bookingId", bookingId)
                    .with("declineCode", e.code());
        }
        HttpStatus status = e.isTransient() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
        return new ApiException(status, ErrorCodes.PAYMENT_GATEWAY_ERROR,
                "The payment provider could not take the payment; the booking was marked failed, please retry")
                .with("bookingId", bookingId);
    }

    private static Map<String, String> metadata(RequestBooking booking) {
        return Map.of("booking_id", booking.bookingId(), "customer_id", booking.customerId(),
                "provider_id", booking.providerId());
    }

    private static BookingResponse response(RequestBooking booking, Money fee, BookingStatus status, Instant releaseAt,
                                            BookingResponse.Payment payment) {
        return new BookingResponse(booking.bookingId(), status.name(), booking.price(), fee,
                booking.price().minus(fee), booking.commissionBps(), booking.source().name(), booking.scheduledAt(),
                releaseAt, payment);
    }
}
