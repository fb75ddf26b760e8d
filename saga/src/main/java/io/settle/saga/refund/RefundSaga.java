package io.settle.saga.refund;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.settle.api.Money;
import io.settle.api.booking.BookingCommands.ConfirmRefund;
import io.settle.api.booking.BookingCommands.FailRefund;
import io.settle.api.booking.BookingEvents.BookingRefunded;
import io.settle.api.booking.BookingEvents.RefundFailed;
import io.settle.api.booking.BookingEvents.RefundRequested;
import io.settle.api.booking.PaymentSource;
import io.settle.api.wallet.WalletCommands.ReturnCredits;
import io.settle.api.wallet.WalletId;
import io.settle.saga.payment.CreateRefund;
import io.settle.saga.payment.PaymentGateway;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.RefundResult;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Gives a customer their money back. Credits return to the customer's wallet at once; card payments are
 * refunded through Stripe with an idempotency key derived from the booking and refund number (the same
 * key on every retry, so Stripe never refunds twice), retried with backoff on transient failures, and
 * final only when Stripe confirms with {@code charge.refunded}.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RefundSaga {

    static final String RETRY_DEADLINE = "refund-retry";

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient PaymentGateway paymentGateway;
    @Autowired
    private transient RefundRetryPolicy retryPolicy;

    private String bookingId;
    private String paymentIntentId;
    private Money amount;
    private int refundNumber;
    private int attempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "bookingId")
    public void on(RefundRequested event) {
        bookingId = event.bookingId();
        paymentIntentId = event.paymentIntentId();
        amount = event.amount();
        refundNumber = event.refundNumber();
        if (event.source() == PaymentSource.CREDITS) {
            String wallet = WalletId.of(event.customerId(), amount.currency());
            commandGateway.sendAndWait(new ReturnCredits(wallet, event.customerId(), bookingId, amount));
            commandGateway.sendAndWait(new ConfirmRefund(bookingId, amount, "credits:" + bookingId));
            return;
        }
        attemptRefund();
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    public void retryDue() {
        attemptRefund();
    }

    private void attemptRefund() {
        attempts++;
        try {
            RefundResult result = paymentGateway.refund(new CreateRefund(paymentIntentId, amount.amount(),
                    "requested_by_customer", Map.of("booking_id", bookingId), idempotencyKey()));
            if ("failed".equals(result.status()) || "canceled".equals(result.status())) {
                commandGateway.sendAndWait(new FailRefund(bookingId, "Stripe reported the refund "
                        + result.status() + ": " + result.failureReason(), attempts));
            }
        } catch (PaymentGatewayException e) {
            if (e.isTransient() && attempts < retryPolicy.maxAttempts()) {
                deadlineManager.schedule(retryPolicy.delayAfter(attempts), RETRY_DEADLINE);
            } else {
                commandGateway.sendAndWait(new FailRefund(bookingId, describe(e), attempts));
            }
        }
    }

    String idempotencyKey() {
        return "booking:" + bookingId + ":refund:" + refundNumber;
    }

    private static String describe(PaymentGatewayException e) {
        return e.kind() + (e.code() == null ? "" : " " + e.code()) + ": " + e.getMessage();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bookingId")
    public void on(BookingRefunded event) {
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bookingId")
    public void on(RefundFailed event) {
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
    }
}
