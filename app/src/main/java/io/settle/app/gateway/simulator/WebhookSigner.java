package io.settle.app.gateway.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook payloads exactly as Stripe does: {@code Stripe-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<payload>">} keyed with the endpoint's signing secret (the whole {@code whsec_...}
 * string, as Stripe's libraries use it).
 */
public final class WebhookSigner {

    public static final String HEADER = "Stripe-Signature";

    private final String secret;
    private final Clock clock;

    /** @param clock the time written into {@code t=}; Stripe signs with wall-clock time at each attempt */
    public WebhookSigner(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    public String header(String payload) {
        return header(payload, secret, clock.instant().getEpochSecond());
    }

    public static String header(String payload, String secret, long timestamp) {
        return "t=" + timestamp + ",v1=" + hmacSha256Hex(secret, timestamp + "." + payload);
    }

    private static String hmacSha256Hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
