package io.settle.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.booking.BookingIntegrationTest;
import io.settle.testsupport.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document × every caller (anonymous, CUSTOMER, PROVIDER, ADMIN, ANALYST, SERVICE)
 * × ownership (the caller's own resource, another user's). The expected outcome of each cell comes from
 * the explicit table in {@link #RULES}, written from the access rules of the product (README, issue 7), not
 * read from the code under test. An operation missing from the table fails the test until it is classified.
 *
 * <p>Outcomes: ALLOW — anything but 401/403 (and, for one's own resource, not 404); DENY — 403 FORBIDDEN
 * (401 UNAUTHORIZED for the anonymous caller); OWN — allowed on one's own resource, and on another user's
 * refused with 403 or hidden with 404. Requests carry valid bodies so a refusal cannot hide behind a 400.
 */
class AuthorizationMatrixTest extends BookingIntegrationTest {

    enum Who { ANONYMOUS, CUSTOMER, PROVIDER, ADMIN, ANALYST, SERVICE }

    enum Expect { ALLOW, DENY, OWN }

    private static final Expect A = Expect.ALLOW;
    private static final Expect D = Expect.DENY;
    private static final Expect O = Expect.OWN;

    /** Operation → expectation per caller, in the order ANONYMOUS, CUSTOMER, PROVIDER, ADMIN, ANALYST, SERVICE. */
    private static final Map<String, Expect[]> RULES = new LinkedHashMap<>();

    /** SERVICE (the marketplace backend) is refused wherever it is not named. */
    private static void rule(String operation, Expect anonymous, Expect customer, Expect provider, Expect admin,
                             Expect analyst) {
        rule(operation, anonymous, customer, provider, admin, analyst, D);
    }

    private static void rule(String operation, Expect anonymous, Expect customer, Expect provider, Expect admin,
                             Expect analyst, Expect service) {
        RULES.put(operation, new Expect[] {anonymous, customer, provider, admin, analyst, service});
    }

    static {
        // public: configuration, webhooks (signature, not token), developer endpoints (embedded default only)
        for (String open : List.of("GET /api/v1/config/stripe", "POST /webhooks/stripe", "POST /webhooks/stripe/connect",
                "POST /api/v1/dev/tokens", "POST /api/v1/dev/simulator/payment-intents/{id}/confirm",
                "POST /api/v1/dev/simulator/checkout-sessions/{id}/complete",
                "POST /api/v1/dev/simulator/accounts/{accountId}/complete-onboarding",
                "GET /api/v1/dev/simulator/clock", "POST /api/v1/dev/simulator/clock/advance",
                "POST /api/v1/dev/simulator/charges/{chargeId}/dispute",
                "POST /api/v1/dev/simulator/charges/{chargeId}/dispute/close",
                "POST /api/v1/dev/simulator/invoices/{invoiceId}/refund",
                "POST /api/v1/dev/simulator/transfers/{transferId}/reverse", "POST /api/v1/dev/bench/events")) {
            rule(open, A, A, A, A, A, A);
        }
        // catalog
        rule("GET /api/v1/offerings", D, A, A, A, D);
        rule("POST /api/v1/offerings", D, D, A, D, D);
        rule("POST /api/v1/offerings/{id}/deactivate", D, D, O, D, D);
        // bookings: a customer books and disputes, the provider runs the session, either party cancels
        rule("POST /api/v1/bookings", D, A, D, D, D);
        rule("GET /api/v1/bookings", D, A, A, A, D);
        rule("GET /api/v1/bookings/{id}", D, O, O, A, D);
        rule("POST /api/v1/bookings/{id}/start", D, D, O, D, D);
        rule("POST /api/v1/bookings/{id}/complete", D, D, O, D, D);
        rule("POST /api/v1/bookings/{id}/cancel", D, O, O, D, D);
        rule("POST /api/v1/bookings/{id}/disputes", D, O, D, D, D);
        // the marketplace backend (or an admin) reports a paid booking it could not fulfil: any booking
        rule("POST /api/v1/bookings/{id}/fulfilment-failed", D, D, D, A, D, A);
        // money of one's own
        rule("GET /api/v1/wallet", D, A, A, A, D);
        rule("GET /api/v1/wallet/transactions", D, A, A, A, D);
        rule("POST /api/v1/credits/purchases", D, A, D, D, D);
        rule("GET /api/v1/wallet/payouts", D, A, A, A, D);
        rule("POST /api/v1/wallet/payouts", D, D, A, D, D);
        rule("GET /api/v1/payments", D, A, A, A, D);
        rule("GET /api/v1/events/stream", D, A, A, A, D);
        rule("GET /api/v1/exports/transactions.csv", D, A, A, A, D);
        rule("GET /api/v1/exports/payouts.csv", D, A, A, A, D);
        // provider earnings and Connect: a provider sees only their own (another provider's: EARNINGS_OF_OTHER)
        rule("POST /api/v1/connect/account", D, D, A, D, D);
        rule("GET /api/v1/connect/account", D, D, A, D, D);
        rule("POST /api/v1/connect/account/onboarding-link", D, D, A, D, D);
        rule("POST /api/v1/connect/account/dashboard-link", D, D, A, D, D);
        rule("GET /api/v1/earnings", D, D, A, A, D);
        rule("GET /api/v1/earnings/summary", D, D, A, A, D);
        // reporting: the analyst's one door
        rule("GET /api/v1/reports/tax", D, D, A, A, A);
        // subscriptions, plans and billing
        rule("GET /api/v1/plans", D, A, A, A, D);
        rule("GET /api/v1/plans/{id}", D, A, A, A, D);
        rule("POST /api/v1/plans", D, D, A, D, D);        // a FAN plan: its provider only
        rule("PUT /api/v1/plans/{id}", D, D, O, A, D);
        rule("POST /api/v1/plans/{id}/archive", D, D, O, A, D);
        rule("POST /api/v1/payment-methods", D, A, A, A, D);   // anyone's own cards, an admin's too
        rule("GET /api/v1/payment-methods", D, A, A, A, D);
        rule("PUT /api/v1/payment-methods/{id}/default", D, O, O, D, D);
        rule("DELETE /api/v1/payment-methods/{id}", D, O, O, D, D);
        rule("POST /api/v1/subscriptions", D, A, D, D, D);  // to a FAN plan: customers only
        rule("GET /api/v1/subscriptions/me", D, A, A, A, D);
        rule("PUT /api/v1/subscriptions/{id}", D, O, O, D, D);
        rule("POST /api/v1/subscriptions/{id}/cancel", D, O, O, D, D);
        rule("POST /api/v1/subscriptions/{id}/reactivate", D, O, O, D, D);
        rule("GET /api/v1/invoices", D, A, A, A, D);
        rule("GET /api/v1/invoices/{id}", D, O, O, D, D);
        rule("GET /api/v1/access", D, A, D, D, D);
        // the test suite's own controller (testsupport.TestController): any authenticated caller, not shipped
        for (String test : List.of("GET /api/v1/test/me", "POST /api/v1/test/counters",
                "GET /api/v1/test/counters/{name}", "POST /api/v1/test/pings")) {
            rule(test, D, A, A, A, D);
        }
    }

    /** Under /api/v1/admin: ADMIN only, whatever the operation. */
    private static Expect[] adminOnly() {
        return new Expect[] {D, D, D, A, D, D};
    }

    /** Resources owned by the callers ("mine") and by other users ("theirs"), per caller role. */
    private final Map<Who, String> userIds = new EnumMap<>(Who.class);
    private final Map<String, String> mine = new LinkedHashMap<>();
    private final Map<String, String> theirs = new LinkedHashMap<>();
    private String otherProvider;

    @Test
    void every_operation_by_every_role_on_own_and_others_resources() {
        ApiOperations operations = ApiOperations.from(api());
        Set<String> unclassified = new TreeSet<>();
        for (ApiOperations.Operation operation : operations.all()) {
            if (!operation.isAdmin() && !RULES.containsKey(operation.toString())) {
                unclassified.add(operation.toString());
            }
        }
        assertThat(unclassified).as("operations without a rule in the matrix: classify them").isEmpty();
        Set<String> documented = new TreeSet<>();
        operations.all().forEach(o -> documented.add(o.toString()));
        assertThat(RULES.keySet()).as("rules for operations the API no longer has").allMatch(documented::contains);

        fixtures();
        List<String> failures = new ArrayList<>();
        int cells = 0;
        for (ApiOperations.Operation operation : operations.all()) {
            Expect[] row = operation.isAdmin() ? adminOnly() : RULES.get(operation.toString());
            for (Who who : Who.values()) {
                Expect expect = row[who.ordinal()];
                if (expect == Expect.OWN) {
                    String own = resource(operation, who, mine);
                    String other = resource(operation, who, theirs);
                    cells++;
                    check(failures, operation, who, "another user's", other, Expect.OWN);
                    if (own != null) {
                        cells++;
                        check(failures, operation, who, "own", own, Expect.ALLOW);
                    }
                } else if (who != Who.ANONYMOUS && anyFixture(operation) != null) {
                    // on a real resource of another user: a role that may not act on it gets 403 or 404;
                    // one that may (ADMIN on any booking, anyone on a plan) gets past authorization
                    cells++;
                    check(failures, operation, who, "another user's", anyFixture(operation),
                            expect == Expect.DENY ? Expect.OWN : Expect.ALLOW);
                } else {
                    cells++;
                    check(failures, operation, who, null, placeholder(operation, who), expect);
                }
            }
        }
        // the same provider-scoped reports, naming another provider
        for (String report : List.of("/api/v1/earnings", "/api/v1/earnings/summary")) {
            cells++;
            int status = send(userApi(Who.PROVIDER), "GET", report + "?providerId=" + otherProvider, null);
            if (status != 403 && status != 404) {
                failures.add("PROVIDER GET " + report + "?providerId=<another provider> -> " + status);
            }
        }
        System.out.println("Authorization matrix: " + operations.all().size() + " operations x " + Who.values().length
                + " callers, " + cells + " cells checked");
        assertThat(failures).as(cells + " cells").isEmpty();
    }

    private void check(List<String> failures, ApiOperations.Operation operation, Who who, String ownership,
                       String path, Expect expect) {
        int status = send(userApi(who), operation.method(), path, body(operation, who));
        boolean ok = switch (expect) {
            case ALLOW -> status != 401 && status != 403 && !(ownership != null && status == 404) && status < 500;
            case DENY -> status == (who == Who.ANONYMOUS ? 401 : 403);
            case OWN -> status == 403 || status == 404 || (who == Who.ANONYMOUS && status == 401);
        };
        if (!ok) {
            failures.add(who + " " + operation + (ownership == null ? "" : " on " + ownership + " resource")
                    + " expected " + expect + " -> " + status + " (" + path + ")");
        }
    }

    // ---------------------------------------------------------------- fixtures

    private Api userApi(Who who) {
        return who == Who.ANONYMOUS ? api() : as(userIds.get(who), who.name());
    }

    private void fixtures() {
        String tag = newId("m");
        userIds.put(Who.CUSTOMER, tag + "_cust");
        userIds.put(Who.PROVIDER, tag + "_prov");
        userIds.put(Who.ADMIN, tag + "_admin");
        userIds.put(Who.ANALYST, tag + "_analyst");
        userIds.put(Who.SERVICE, tag + "_service");
        otherProvider = tag + "_prov2";
        Api customer = as(userIds.get(Who.CUSTOMER), "CUSTOMER");
        Api provider = as(userIds.get(Who.PROVIDER), "PROVIDER");
        Api otherCustomerApi = as(tag + "_cust2", "CUSTOMER");
        Api otherProviderApi = as(otherProvider, "PROVIDER");

        String myOffering = offering(provider, 3000);
        String theirOffering = offering(otherProviderApi, 3000);
        put("offerings", Who.PROVIDER, offering(provider, 2000), offering(otherProviderApi, 2000));
        String myBooking = bookingId(book(customer, myOffering, "pm_card_visa"));
        String theirBooking = bookingId(book(otherCustomerApi, theirOffering, "pm_card_visa"));
        put("bookings", Who.CUSTOMER, myBooking, theirBooking);
        put("bookings", Who.PROVIDER, myBooking, theirBooking);
        put("bookings", Who.ADMIN, myBooking, theirBooking);

        put("plans", Who.PROVIDER, plan(provider), plan(otherProviderApi));
        String fanPlan = plan(provider);
        put("payment-methods", Who.CUSTOMER, paymentMethod(customer), paymentMethod(otherCustomerApi));
        put("payment-methods", Who.PROVIDER, paymentMethod(provider), paymentMethod(otherProviderApi));
        String mySubscription = subscription(customer, fanPlan);
        String theirSubscription = subscription(otherCustomerApi, fanPlan);
        put("subscriptions", Who.CUSTOMER, mySubscription, theirSubscription);
        put("subscriptions", Who.PROVIDER, null, theirSubscription); // the provider does not own a fan's subscription
        String myInvoice = firstInvoice(customer);
        String theirInvoice = firstInvoice(otherCustomerApi);
        put("invoices", Who.CUSTOMER, myInvoice, theirInvoice);
        put("invoices", Who.PROVIDER, null, theirInvoice);
    }

    private void put(String collection, Who who, String own, String other) {
        if (own != null) {
            mine.put(collection + "/" + who, own);
        }
        theirs.put(collection + "/" + who, other);
    }

    private static String bookingId(Api.Response booked) {
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.json().path("id").asText();
    }

    private String plan(Api provider) {
        Api.Response created = provider.post("/api/v1/plans", planBody());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static Map<String, Object> planBody() {
        return Map.of("name", "Gold", "description", "fan tier", "price", Map.of("amount", 500, "currency", "usd"),
                "interval", "month", "trialDays", 0, "benefits", List.of("posts"), "audience", "FAN");
    }

    private String paymentMethod(Api user) {
        Api.Response saved = user.post("/api/v1/payment-methods", Map.of("paymentMethodId", "pm_card_visa"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        return saved.json().path("id").asText();
    }

    private String subscription(Api customer, String planId) {
        Api.Response created = customer.post("/api/v1/subscriptions", Map.of("planId", planId,
                "paymentMethodId", "pm_card_visa"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private String firstInvoice(Api customer) {
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> {
            JsonNode page = customer.get("/api/v1/invoices").json();
            JsonNode data = page.isArray() ? page : page.path("data");
            found[0] = data.size() > 0 ? data.get(0) : null;
            return found[0] != null;
        });
        return found[0].path("id").asText();
    }

    /** The path of an ownership cell: the resource of the caller's role (own) or of another user (theirs). */
    private String resource(ApiOperations.Operation operation, Who who, Map<String, String> owners) {
        String collection = operation.template().replaceFirst("^/api/v1/", "").replaceFirst("/.*$", "");
        String id = owners.get(collection + "/" + who);
        if (id == null) {
            if (owners == theirs) {
                throw new IllegalStateException("no fixture of another user for " + operation + " as " + who);
            }
            return null;
        }
        return operation.template().replace("{id}", id);
    }

    private String placeholder(ApiOperations.Operation operation, Who who) {
        return switch (operation.toString()) {
            // an admin names the provider whose earnings to read
            case "GET /api/v1/earnings", "GET /api/v1/earnings/summary" ->
                    operation.path() + (who == Who.ADMIN ? "?providerId=" + userIds.get(Who.PROVIDER) : "");
            case "GET /api/v1/access" -> operation.path() + "?providerId=" + userIds.get(Who.PROVIDER) + "&benefit=posts";
            default -> operation.path();
        };
    }

    /** Another user's real resource of the operation's kind (for cells of roles that may not use it), or null. */
    private String anyFixture(ApiOperations.Operation operation) {
        if (!operation.template().contains("{id}")) {
            return null;
        }
        String collection = operation.template().replaceFirst("^/api/v1/", "").replaceFirst("/.*$", "");
        return theirs.entrySet().stream().filter(e -> e.getKey().startsWith(collection + "/"))
                .map(e -> operation.template().replace("{id}", e.getValue())).findFirst().orElse(null);
    }

    /** A valid body for each operation that takes one, so authorization is what decides the answer. */
    private Object body(ApiOperations.Operation operation, Who who) {
        String template = operation.template();
        return switch (operation.method() + " " + template) {
            case "POST /api/v1/offerings" -> Map.of("title", "Matrix session", "durationMinutes", 20,
                    "price", Map.of("amount", 3000, "currency", "usd"));
            case "POST /api/v1/bookings" -> Map.of("offeringId", mine.getOrDefault("offerings/" + Who.PROVIDER, "x"),
                    "scheduledAt", soon(), "paymentMethodId", "pm_card_visa");
            case "POST /api/v1/bookings/{id}/cancel", "POST /api/v1/bookings/{id}/disputes",
                    "POST /api/v1/bookings/{id}/fulfilment-failed" ->
                    Map.of("reason", "matrix");
            case "POST /api/v1/credits/purchases" -> Map.of("amount", Map.of("amount", 1000, "currency", "usd"),
                    "paymentMethodId", "pm_card_visa");
            case "POST /api/v1/wallet/payouts" -> Map.of();
            case "POST /api/v1/connect/account" -> Map.of("country", "US", "email", "m@example.com");
            case "POST /api/v1/plans" -> planBody();
            case "PUT /api/v1/plans/{id}" -> Map.of("name", "Gold+");
            case "POST /api/v1/payment-methods" -> Map.of("paymentMethodId", "pm_card_visa");
            case "POST /api/v1/subscriptions" -> Map.of("planId", mine.getOrDefault("plans/" + Who.PROVIDER, "x"),
                    "paymentMethodId", "pm_card_visa");
            case "PUT /api/v1/subscriptions/{id}" -> Map.of("planId", mine.getOrDefault("plans/" + Who.PROVIDER, "x"));
            case "POST /api/v1/subscriptions/{id}/cancel" -> Map.of("cancelAtPeriodEnd", true);
            case "POST /api/v1/admin/bookings/{id}/resolution" -> Map.of("outcome", "RELEASE");
            case "POST /api/v1/dev/tokens" -> Map.of("userId", "matrix", "roles", List.of("CUSTOMER"));
            case "POST /api/v1/dev/simulator/clock/advance" -> Map.of("duration", "PT1S");
            default -> operation.hasJsonBody() ? Map.of() : null;
        };
    }

    private int send(Api caller, String method, String path, Object body) {
        return caller.status(method, path, body, Duration.ofSeconds(3));
    }
}
