package io.settle.app.gateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.settle.saga.payment.CreateCheckoutSession;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.CreateRefund;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentGatewayException.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An in-memory Stripe in test mode: PaymentIntents, Charges, Refunds and Checkout Sessions, answering with
 * the JSON Stripe's API would return and publishing the webhook events Stripe would send. Thread-safe;
 * events are published only after the state change is complete and the lock is released.
 */
public class SimulatedStripe {

    private final SimulatorEventSink events;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final StripeJson json = new StripeJson(mapper);
    private final IdempotencyCache idempotency;
    private final Map<String, SimPaymentIntent> intents = new HashMap<>();
    private final Map<String, SimCharge> charges = new HashMap<>();
    private final Map<String, SimRefund> refunds = new HashMap<>();
    private final Map<String, SimCheckoutSession> sessions = new HashMap<>();
    private final java.util.ArrayDeque<GatewayFault> faults = new java.util.ArrayDeque<>();

    private Function<String, Optional<SavedCard>> savedCards = id -> Optional.empty();

    /** A payment method saved on a simulated customer (by the simulated Billing): its test card and customer. */
    public record SavedCard(String testCard, String customer) {
    }

    public SimulatedStripe(SimulatorEventSink events, Clock clock) {
        this.events = events;
        this.clock = clock;
        this.idempotency = new IdempotencyCache(mapper, clock);
    }

    /** Lets intents be paid with payment methods saved on customers, as at Stripe. */
    public void resolveSavedCardsWith(Function<String, Optional<SavedCard>> lookup) {
        this.savedCards = lookup;
    }

    /** {@code POST /v1/payment_intents}, with {@code confirm=true} when a payment method is given. */
    public ObjectNode createPaymentIntent(CreatePaymentIntent request) {
        return call(request.idempotencyKey(), request, out -> {
            requirePositive(request.amount());
            requireKnown(request.paymentMethodId());
            requireOwnCustomer(request.paymentMethodId(), request.customer());
            SimPaymentIntent intent = newIntent(request.amount(), request.currency(), request.description(),
                    request.transferGroup(), request.metadata());
            if (request.paymentMethodId() != null) {
                confirm(intent, request.paymentMethodId(), out);
            }
            return json.paymentIntent(intent);
        });
    }

    /**
     * {@code POST /v1/payment_intents/{id}/confirm}. Confirming a {@code requires_action} intent again (with
     * its payment method or none) stands for the customer passing 3D Secure.
     */
    public ObjectNode confirmPaymentIntent(String paymentIntentId, String paymentMethodId, String idempotencyKey) {
        List<String> request = Arrays.asList("confirm", paymentIntentId, paymentMethodId);
        return call(idempotencyKey, request, out -> {
            SimPaymentIntent intent = intent(paymentIntentId);
            confirm(intent, paymentMethodId, out);
            return json.paymentIntent(intent);
        });
    }

    /**
     * {@code POST /v1/payment_intents/{id}/cancel}: possible until the intent succeeds; sends
     * {@code payment_intent.canceled}. Not in the port yet; here so the simulator can show the event.
     */
    public ObjectNode cancelPaymentIntent(String paymentIntentId, String cancellationReason, String idempotencyKey) {
        List<String> request = Arrays.asList("cancel", paymentIntentId, cancellationReason);
        return call(idempotencyKey, request, out -> {
            SimPaymentIntent intent = intent(paymentIntentId);
            if (!intent.status.startsWith("requires_")) {
                throw permanent("payment_intent_unexpected_state", "You cannot cancel this PaymentIntent because "
                        + "it has a status of " + intent.status + ".");
            }
            intent.status = "canceled";
            intent.canceledAt = now();
            intent.cancellationReason = cancellationReason;
            out.add(json.event("payment_intent.canceled", json.paymentIntent(intent), now()));
            return json.paymentIntent(intent);
        });
    }

    public synchronized Optional<ObjectNode> retrievePaymentIntent(String paymentIntentId) {
        return Optional.ofNullable(intents.get(paymentIntentId)).map(json::paymentIntent);
    }

    public synchronized Optional<ObjectNode> retrieveCharge(String chargeId) {
        return Optional.ofNullable(charges.get(chargeId)).map(json::charge);
    }

    /** {@code POST /v1/checkout/sessions} with ui_mode=embedded, mode=payment and one line item. */
    public ObjectNode createCheckoutSession(CreateCheckoutSession request) {
        return call(request.idempotencyKey(), request, out -> {
            requirePositive(request.amount());
            requireText("currency", request.currency());
            String id = SimulatorIds.next("cs");
            SimCheckoutSession session = new SimCheckoutSession(id, request.amount(),
                    request.currency().toLowerCase(), request.productName(), request.returnUrl(),
                    request.transferGroup(), copy(request.metadata()), now());
            sessions.put(id, session);
            return json.checkoutSession(session);
        });
    }

    public synchronized Optional<ObjectNode> retrieveCheckoutSession(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(json::checkoutSession);
    }

    /**
     * What the customer does in the embedded Checkout page: pay with {@code paymentMethodId}. On success the
     * session completes and {@code checkout.session.completed} then {@code payment_intent.succeeded} are sent;
     * on a decline the session stays open (the customer may try another card) and
     * {@code payment_intent.payment_failed} is sent. 3D Secure happens inside the page, so it passes.
     * Completing a complete session changes nothing and sends nothing.
     */
    public ObjectNode completeCheckoutSession(String sessionId, String paymentMethodId) {
        return call(null, null, out -> {
            SimCheckoutSession session = sessions.get(sessionId);
            if (session == null) {
                throw missing("checkout.session", sessionId);
            }
            if ("complete".equals(session.status)) {
                return json.checkoutSession(session);
            }
            requireText("payment_method", paymentMethodId);
            requireKnown(paymentMethodId);
            SimPaymentIntent intent = session.paymentIntentId == null
                    ? startCheckoutPayment(session)
                    : intents.get(session.paymentIntentId);
            List<SimulatorEvent> paymentEvents = new ArrayList<>();
            confirm(intent, paymentMethodId, paymentEvents);
            if ("requires_action".equals(intent.status)) {
                confirm(intent, null, paymentEvents);
            }
            if (intent.status.equals("succeeded")) {
                session.status = "complete";
                session.paymentStatus = "paid";
                out.add(json.event("checkout.session.completed", json.checkoutSession(session), now()));
            }
            out.addAll(paymentEvents);
            return json.checkoutSession(session);
        });
    }

    /** {@code POST /v1/refunds} for a PaymentIntent's charge; succeeds at once and sends {@code charge.refunded}. */
    public ObjectNode createRefund(CreateRefund request) {
        return call(request.idempotencyKey(), request, out -> {
            SimPaymentIntent intent = intent(request.paymentIntentId());
            if (!"succeeded".equals(intent.status)) {
                throw permanent("payment_intent_unexpected_state", "This PaymentIntent (" + intent.id
                        + ") does not have a successful charge to refund.");
            }
            SimCharge charge = charges.get(intent.latestChargeId);
            if (charge.fullyRefunded()) {
                throw permanent("charge_already_refunded", "Charge " + charge.id + " has already been refunded.");
            }
            requirePositive(request.amount());
            if (request.amount() > charge.refundable()) {
                throw permanent("amount_too_large", "Refund amount (" + request.amount() + ") is greater than "
                        + "unrefunded amount on charge (" + charge.refundable() + ")");
            }
            SimRefund refund = new SimRefund(SimulatorIds.next("re"), charge, request.amount(), request.reason(),
                    copy(request.metadata()), now());
            refunds.put(refund.id(), refund);
            charge.amountRefunded += refund.amount();
            out.add(json.event("charge.refunded", json.charge(charge), now()));
            return json.refund(refund);
        });
    }

    /**
     * The cardholder disputes a charge at their bank: {@code charge.dispute.created} with status
     * {@code needs_response} (Stripe withdraws the amount from the platform), or {@code warning_needs_response}
     * for an inquiry. {@code amount} null: what is not refunded. One dispute per charge; a repeat answers it.
     */
    public ObjectNode createDispute(String chargeId, Long amount, String reason, boolean inquiry) {
        return bankEvent(out -> {
            SimCharge charge = charge(chargeId);
            if (charge.disputeId != null) {
                return json.dispute(charge);
            }
            long disputed = amount == null ? charge.refundable() : amount;
            requirePositive(disputed);
            if (disputed > charge.amount()) {
                throw permanent("amount_too_large", "A dispute cannot exceed the charge amount (" + charge.amount() + ")");
            }
            charge.disputeId = SimulatorIds.next("dp");
            charge.disputeAmount = disputed;
            charge.disputeReason = reason == null ? "fraudulent" : reason;
            charge.disputeStatus = inquiry ? "warning_needs_response" : "needs_response";
            charge.disputeCreated = now();
            out.add(json.event("charge.dispute.created", json.dispute(charge), now()));
            return json.dispute(charge);
        });
    }

    /** The bank decides: {@code won}, {@code lost} or {@code warning_closed}; sends {@code charge.dispute.closed}. */
    public ObjectNode closeDispute(String chargeId, String status) {
        return bankEvent(out -> {
            SimCharge charge = charge(chargeId);
            if (charge.disputeId == null) {
                throw missing("dispute", "of " + chargeId);
            }
            if (!List.of("won", "lost", "warning_closed").contains(status)) {
                throw permanent("parameter_invalid", "status must be won, lost or warning_closed");
            }
            if (List.of("won", "lost", "warning_closed").contains(charge.disputeStatus)) {
                return json.dispute(charge);
            }
            charge.disputeStatus = status;
            out.add(json.event("charge.dispute.closed", json.dispute(charge), now()));
            return json.dispute(charge);
        });
    }

    private SimCharge charge(String chargeId) {
        SimCharge charge = charges.get(chargeId);
        if (charge == null) {
            throw missing("charge", chargeId);
        }
        return charge;
    }

    /**
     * Runs one API call: replays a known idempotency key, otherwise changes state under the lock, remembers
     * the response and only then publishes the events the call produced.
     */
    private ObjectNode call(String idempotencyKey, Object request, Function<List<SimulatorEvent>, ObjectNode> body) {
        return call(idempotencyKey, request, body, true);
    }

    /**
     * The bank's side (a cardholder's dispute, its decision) is not an API call of the platform: it neither
     * fails with nor uses up a fault injected for the platform's next call.
     */
    private ObjectNode bankEvent(Function<List<SimulatorEvent>, ObjectNode> body) {
        return call(null, null, body, false);
    }

    private ObjectNode call(String idempotencyKey, Object request, Function<List<SimulatorEvent>, ObjectNode> body,
                            boolean faultable) {
        List<SimulatorEvent> produced = new ArrayList<>();
        ObjectNode response;
        GatewayFault fault;
        synchronized (this) {
            fault = faultable ? faults.poll() : null;
            if (fault != null && !fault.carriedOut()) {
                throw fault.exception();
            }
            Optional<ObjectNode> replayed = idempotency.replay(idempotencyKey, request);
            if (replayed.isPresent()) {
                return replayed.get();
            }
            response = body.apply(produced);
            idempotency.remember(idempotencyKey, request, response);
        }
        produced.forEach(events::publish);
        if (fault != null) {
            throw fault.exception();
        }
        return response;
    }

    /**
     * Test knob: the next {@code n} API calls (payment intents, confirmations, cancellations, checkout
     * sessions, refunds) fail with {@code fault}; a replay of a known idempotency key counts as a call.
     */
    public synchronized void injectFaults(GatewayFault fault, int n) {
        for (int i = 0; i < n; i++) {
            faults.add(fault);
        }
    }

    /**
     * Test knob for restart tests: Stripe does not forget when our application restarts, so a new instance's
     * simulator takes over an earlier one's objects and idempotency keys (call after the earlier one stopped).
     */
    public void carryOver(SimulatedStripe previous) {
        synchronized (previous) {
            synchronized (this) {
                idempotency.copyFrom(previous.idempotency);
                intents.putAll(previous.intents);
                charges.putAll(previous.charges);
                refunds.putAll(previous.refunds);
                sessions.putAll(previous.sessions);
            }
        }
    }

    /** What the platform's Stripe balance holds from charges in {@code currency}: captured minus refunded. */
    public synchronized long netCharged(String currency) {
        return charges.values().stream().filter(c -> c.currency().equals(currency))
                .mapToLong(c -> c.amount() - c.amountRefunded).sum();
    }

    /**
     * What disputes have taken out of the platform's Stripe balance in {@code currency}: the amount of every
     * dispute that withdrew funds and did not give them back, i.e. a chargeback still open
     * ({@code needs_response} / {@code under_review}) or {@code lost}. An inquiry ({@code warning_*}) withdraws
     * nothing until it is lost; a won dispute returned its funds. The platform's balance from charges is
     * {@link #netCharged} minus this.
     */
    public synchronized long disputeWithdrawn(String currency) {
        return charges.values().stream().filter(c -> c.currency().equals(currency) && c.disputeId != null)
                .filter(c -> List.of("needs_response", "under_review", "lost").contains(c.disputeStatus))
                .mapToLong(c -> c.disputeAmount).sum();
    }

    /** The status of a charge's dispute ({@code needs_response}, {@code won}, …), empty if it has none. */
    public synchronized Optional<String> disputeStatus(String chargeId) {
        SimCharge charge = charges.get(chargeId);
        return charge == null ? Optional.empty() : Optional.ofNullable(charge.disputeStatus);
    }

    /** Test knob: forget faults not yet used. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    private SimPaymentIntent startCheckoutPayment(SimCheckoutSession session) {
        SimPaymentIntent intent = newIntent(session.amountTotal, session.currency, session.productName,
                session.transferGroup, session.metadata);
        session.paymentIntentId = intent.id;
        return intent;
    }

    private SimPaymentIntent newIntent(long amount, String currency, String description, String transferGroup,
                                       Map<String, String> metadata) {
        requireText("currency", currency);
        String id = SimulatorIds.next("pi");
        SimPaymentIntent intent = new SimPaymentIntent(id, amount, currency.toLowerCase(), description,
                transferGroup, copy(metadata), now());
        intents.put(id, intent);
        return intent;
    }

    private void confirm(SimPaymentIntent intent, String paymentMethodId, List<SimulatorEvent> out) {
        if (!intent.status.startsWith("requires_")) {
            throw permanent("payment_intent_unexpected_state", "You cannot confirm this PaymentIntent because it "
                    + "has a status of " + intent.status + ".");
        }
        boolean authenticating = "requires_action".equals(intent.status)
                && (paymentMethodId == null || paymentMethodId.equals(intent.paymentMethod));
        String method = paymentMethodId != null ? paymentMethodId : intent.paymentMethod;
        if (method == null) {
            throw permanent("parameter_missing", "You cannot confirm this PaymentIntent because it's missing a "
                    + "payment method.");
        }
        TestPaymentMethods.Outcome outcome = authenticating
                ? TestPaymentMethods.Outcome.SUCCEEDS
                : TestPaymentMethods.outcome(testCard(method)).orElseThrow(() -> missing("payment_method", method));
        switch (outcome.kind()) {
            case SUCCEEDS -> succeed(intent, method, out);
            case DECLINED -> decline(intent, outcome.decline(), out);
            case REQUIRES_ACTION -> {
                intent.status = "requires_action";
                intent.paymentMethod = method;
                intent.lastPaymentError = null;
            }
        }
    }

    private void succeed(SimPaymentIntent intent, String paymentMethod, List<SimulatorEvent> out) {
        SimCharge charge = new SimCharge(SimulatorIds.next("ch"), intent, paymentMethod, now());
        charges.put(charge.id, charge);
        intent.status = "succeeded";
        intent.paymentMethod = paymentMethod;
        intent.latestChargeId = charge.id;
        intent.lastPaymentError = null;
        out.add(json.event("payment_intent.succeeded", json.paymentIntent(intent), now()));
    }

    /** Like Stripe, a decline detaches the payment method and sends the intent back to requires_payment_method. */
    private void decline(SimPaymentIntent intent, TestPaymentMethods.Decline decline, List<SimulatorEvent> out) {
        intent.status = "requires_payment_method";
        intent.paymentMethod = null;
        intent.lastPaymentError = decline;
        out.add(json.event("payment_intent.payment_failed", json.paymentIntent(intent), now()));
    }

    private SimPaymentIntent intent(String id) {
        SimPaymentIntent intent = intents.get(id);
        if (intent == null) {
            throw missing("payment_intent", id);
        }
        return intent;
    }

    private Instant now() {
        return clock.instant();
    }

    private static Map<String, String> copy(Map<String, String> metadata) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((key, value) -> {
                if (value != null) {
                    copy.put(key, value);
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }

    private void requireKnown(String paymentMethodId) {
        if (paymentMethodId != null && TestPaymentMethods.outcome(testCard(paymentMethodId)).isEmpty()) {
            throw missing("payment_method", paymentMethodId);
        }
    }

    /** Like Stripe: a saved payment method pays only together with the customer it is attached to. */
    private void requireOwnCustomer(String paymentMethodId, String customer) {
        if (paymentMethodId == null) {
            return;
        }
        savedCards.apply(paymentMethodId).ifPresent(saved -> {
            if (customer == null) {
                throw permanent("parameter_missing", "Missing required param: customer (the PaymentMethod "
                        + paymentMethodId + " is attached to a Customer).");
            }
            if (!saved.customer().equals(customer)) {
                throw permanent("parameter_invalid", "The PaymentMethod " + paymentMethodId
                        + " does not belong to the Customer " + customer + ".");
            }
        });
    }

    private String testCard(String paymentMethodId) {
        return savedCards.apply(paymentMethodId).map(SavedCard::testCard).orElse(paymentMethodId);
    }

    private static void requirePositive(long amount) {
        if (amount < 1) {
            throw permanent("parameter_invalid_integer", "This value must be greater than or equal to 1.");
        }
    }

    private static void requireText(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw permanent("parameter_missing", "Missing required param: " + parameter + ".");
        }
    }

    private static PaymentGatewayException missing(String object, String id) {
        return permanent("resource_missing", "No such " + object + ": '" + id + "'");
    }

    private static PaymentGatewayException permanent(String code, String message) {
        return new PaymentGatewayException(Kind.PERMANENT, code, message);
    }
}
