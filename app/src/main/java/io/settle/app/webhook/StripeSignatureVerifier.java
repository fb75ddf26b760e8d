package io.settle.app.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.settle.app.gateway.StripeSettings;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Checks the {@code Stripe-Signature} header over the exact raw body, as stripe-java does it. */
@Component
public class StripeSignatureVerifier {

    /** Stripe's recommended replay window. */
    public static final long TOLERANCE_SECONDS = 300;

    private final StripeSettings settings;

    public StripeSignatureVerifier(StripeSettings settings) {
        this.settings = settings;
    }

    /** @throws ApiException 400 {@code INVALID_SIGNATURE} when the header is missing, wrong or stale */
    public void verify(WebhookEndpoint endpoint, String payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw invalid("Missing Stripe-Signature header");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, endpoint.signingSecret(settings),
                    TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            // stripe-java's messages say what was wrong (no match, timestamp outside tolerance), never the secret
            throw invalid("Invalid Stripe-Signature: " + e.getMessage());
        } catch (RuntimeException e) {
            // e.g. a non-numeric t= value makes stripe-java throw NumberFormatException
            throw invalid("Malformed Stripe-Signature header");
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_SIGNATURE, detail);
    }
}
