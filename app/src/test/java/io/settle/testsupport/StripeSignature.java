package io.settle.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook payloads exactly as Stripe does: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">}
 * keyed with the endpoint's signing secret (as UTF-8 bytes, "whsec_" prefix included). Written from Stripe's
 * documentation rather than with stripe-java, so tests check the endpoint against the protocol itself.
 * <pre>
 * String payload = ...;
 * api().header("Stripe-Signature", StripeSignature.header(payload, stripeSettings.webhookSecret()))
 *      .postRaw("/webhooks/stripe", "application/json", payload);
 * </pre>
 */
public final class StripeSignature {

    public static final String HEADER = "Stripe-Signature";

    private StripeSignature() {
    }

    /** A header signed now. */
    public static String header(String payload, String secret) {
        return header(payload, secret, Instant.now());
    }

    /** A header signed at {@code at}, e.g. in the past to test the 5-minute tolerance. */
    public static String header(String payload, String secret, Instant at) {
        long timestamp = at.getEpochSecond();
        return "t=" + timestamp + ",v1=" + hmacSha256Hex(secret, timestamp + "." + payload);
    }

    private static String hmacSha256Hex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
