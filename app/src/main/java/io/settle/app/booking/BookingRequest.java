package io.settle.app.booking;

import io.settle.api.booking.PaymentSource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * {@code POST /api/v1/bookings}. With {@code paymentMethodId} the payment is confirmed server-side;
 * without it the client confirms with the returned client secret. {@code paymentFlow} "checkout_session"
 * returns an embedded Checkout Session instead; {@code paymentSource} "credits" pays from credits.
 */
public record BookingRequest(@NotBlank @Size(max = 64) String offeringId,
                             @NotNull Instant scheduledAt,
                             @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9_]+", message = "not a payment method id")
                             String paymentMethodId,
                             @Size(max = 2000) String notes,
                             PaymentFlow paymentFlow,
                             PaymentSourceInput paymentSource) {

    public enum PaymentFlow {
        payment_intent, checkout_session
    }

    public enum PaymentSourceInput {
        card, credits;

        PaymentSource toSource() {
            return this == credits ? PaymentSource.CREDITS : PaymentSource.CARD;
        }
    }
}
