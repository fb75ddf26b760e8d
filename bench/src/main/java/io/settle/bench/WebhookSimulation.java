package io.settle.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Scenario 2: {@link LoadPlan#clients()} senders posting {@code charge.succeeded} events to
 * {@code POST /webhooks/stripe}, signed as Stripe signs them; one delivery in ten repeats an event already
 * sent (Stripe delivers at least once). Warm-up requests are named "webhook warm-up", measured ones "webhook".
 */
public class WebhookSimulation extends Simulation {

    static final String WARM_UP = "webhook warm-up";
    static final String MEASURED = "webhook";

    public WebhookSimulation() {
        LoadPlan plan = LoadPlan.current();
        String run = Long.toString(System.currentTimeMillis(), 36);
        setUp(scenario("webhooks")
                .during(plan.warmup()).on(deliver(WARM_UP, plan, run))
                .during(plan.measure()).on(deliver(MEASURED, plan, run))
                .injectOpen(atOnceUsers(plan.clients())))
                .protocols(http.baseUrl(plan.baseUrl()).contentTypeHeader("application/json"));
    }

    private static ChainBuilder deliver(String name, LoadPlan plan, String run) {
        return exec(session -> signed(session, plan, run))
                .exec(GatlingRun.recorded(plan, name, http(name).post("/webhooks/stripe")
                        .header("Stripe-Signature", "#{signature}")
                        .body(StringBody("#{payload}")), session -> { }, status().in(200, 201, 202, 204)));
    }

    private static Session signed(Session session, LoadPlan plan, String run) {
        long n = plan.sequence().getAndIncrement();
        long id = n > 10 && ThreadLocalRandom.current().nextInt(10) == 0 ? ThreadLocalRandom.current().nextLong(n - 1) : n;
        String payload = "{\"id\":\"evt_bench_" + run + "_" + id + "\",\"object\":\"event\",\"api_version\":"
                + "\"2024-06-20\",\"created\":" + Instant.now().getEpochSecond() + ",\"livemode\":false,"
                + "\"type\":\"charge.succeeded\",\"data\":{\"object\":{\"id\":\"ch_bench_" + run + "_" + id
                + "\",\"object\":\"charge\",\"amount\":3000,\"currency\":\"usd\",\"status\":\"succeeded\"}}}";
        return session.set("payload", payload).set("signature", sign(payload, plan.webhookSecret()));
    }

    /** The {@code Stripe-Signature} header: {@code t=<unix time>,v1=<hex HMAC-SHA256 of "t.payload">}. */
    static String sign(String payload, String secret) {
        long t = Instant.now().getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + payload)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
