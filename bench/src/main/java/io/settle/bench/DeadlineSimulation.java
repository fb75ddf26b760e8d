package io.settle.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.time.Instant;

/**
 * Scenario 5: an open model, {@link LoadPlan#perSecond()} new bookings a second whatever the answers
 * (so a slow server builds a queue rather than slowing the load), each for a session that already ended,
 * so its escrow release deadline falls due one hold period after the payment. Each booking's
 * {@code releaseAt} goes to {@link LoadPlan#releaseAt()}; the bench compares it with the release it sees.
 */
public class DeadlineSimulation extends Simulation {

    static final String MEASURED = "deadline booking";

    public DeadlineSimulation() {
        LoadPlan plan = LoadPlan.current();
        setUp(scenario("deadlines")
                .exec(session -> session.set("token", plan.customerToken(session.userId()))
                        .set("offeringId", plan.nextOffering())
                        .set("scheduledAt", Instant.now().minus(Duration.ofMinutes(30)).toString()))
                .exec(GatlingRun.recorded(plan, MEASURED, http(MEASURED).post("/api/v1/bookings")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"offeringId\":\"#{offeringId}\",\"scheduledAt\":\"#{scheduledAt}\","
                                + "\"paymentMethodId\":\"pm_card_visa\"}")),
                        session -> plan.releaseAt().put(session.getString("bookingId"),
                                Instant.parse(session.getString("releaseAt"))),
                        status().is(201), jsonPath("$.status").is("PAID"), jsonPath("$.id").saveAs("bookingId"),
                        jsonPath("$.releaseAt").saveAs("releaseAt")))
                .injectOpen(constantUsersPerSec(plan.perSecond()).during(plan.measure())))
                // pooled keep-alive connections, as a marketplace's frontend servers would hold
                .protocols(http.baseUrl(plan.baseUrl()).contentTypeHeader("application/json").shareConnections());
    }
}
