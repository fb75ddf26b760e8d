package io.settle.app.subscription;

import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.settle.saga.payment.PaymentGatewayException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Billing gateway failures as API errors: a decline → 402 PAYMENT_REQUIRED with the reason. */
@Component
public class GatewayErrors {

    public <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (PaymentGatewayException e) {
            throw toApi(e);
        }
    }

    public static ApiException toApi(PaymentGatewayException e) {
        return switch (e.kind()) {
            case DECLINED -> new ApiException(HttpStatus.PAYMENT_REQUIRED, ErrorCodes.PAYMENT_REQUIRED,
                    "The payment was declined: " + e.getMessage()).with("declineCode", e.code());
            case PERMANENT -> ApiException.validation(e.getMessage()).with("stripeCode", e.code());
            case TRANSIENT -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.PAYMENT_GATEWAY_ERROR,
                    "The payment provider did not answer; please retry");
        };
    }
}
