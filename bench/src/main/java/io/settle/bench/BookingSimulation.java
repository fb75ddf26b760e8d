package io.settle.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Scenario 1 (and the JIT warm-up): {@link LoadPlan#clients()} customers, each booking with the test card
 * as soon as its last booking is answered, for the plan's warm-up (request "booking warm-up", not reported)
 * and then its measured time (request "booking"). A booking counts when it is answered 201 and PAID; its id
 * goes to {@link LoadPlan#paidBookings()}: the bookings whose lag the poller measures.
 */
public class BookingSimulation extends Simulation {

    static final String WARM_UP = "booking warm-up";
    static final String MEASURED = "booking";

    public BookingSimulation() {
        LoadPlan plan = LoadPlan.current();
        String scheduledAt = Instant.now().plus(Duration.ofDays(7)).toString();
        ScenarioBuilder bookings = scenario("bookings")
                .exec(session -> session.set("token", plan.customerToken(session.userId()))
                        .set("scheduledAt", scheduledAt));
        if (!plan.warmup().isZero()) {
            bookings = bookings.during(plan.warmup()).on(book(plan, WARM_UP, session -> { }));
        }
        if (!plan.measure().isZero()) {
            bookings = bookings.during(plan.measure()).on(book(plan, MEASURED,
                    session -> plan.paidBookings().add(session.getString("bookingId"))));
        }
        setUp(bookings.injectOpen(atOnceUsers(plan.clients())))
                .protocols(http.baseUrl(plan.baseUrl()).contentTypeHeader("application/json")
                        .acceptHeader("application/json"));
    }

    /** {@code POST /api/v1/bookings} for the next provider's offering, checked 201 and PAID. */
    private static ChainBuilder book(LoadPlan plan, String name, Consumer<Session> onPaid) {
        HttpRequestActionBuilder request = http(name).post("/api/v1/bookings")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody("{\"offeringId\":\"#{offeringId}\",\"scheduledAt\":\"#{scheduledAt}\","
                        + "\"paymentMethodId\":\"pm_card_visa\"}"));
        return exec(session -> session.set("offeringId", plan.nextOffering()))
                .exec(GatlingRun.recorded(plan, name, request, onPaid, status().is(201), jsonPath("$.status").is("PAID"),
                        jsonPath("$.id").saveAs("bookingId")));
    }
}
