package io.settle.app.gateway.simulator.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.settle.api.Money;
import io.settle.api.subscription.BillingInterval;
import io.settle.app.gateway.simulator.SimulatorEvent;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.subscription.BillingGateway.PriceRef;
import io.settle.saga.subscription.BillingSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedBillingTest {

    static final Instant START = Instant.parse("2026-01-10T12:00:00Z");
    static final PriceRef PRO = new PriceRef("price_pro", Money.of(1500, "usd"), BillingInterval.month);

    private final List<SimulatorEvent> events = new CopyOnWriteArrayList<>();
    private SimulatedBilling billing;
    private String customer;

    @BeforeEach
    void setUp() {
        billing = new SimulatedBilling(events::add, Clock.fixed(START, ZoneOffset.UTC));
        customer = billing.createCustomer("u1", "customer:u1");
    }

    private List<String> types() {
        return events.stream().map(SimulatorEvent::type).toList();
    }

    private BillingSubscription subscribe(String card, int trialDays) {
        billing.attachPaymentMethod(customer, card, true);
        return billing.createSubscription(customer, PRO, trialDays, Map.of("settle_subscription_id", "sub_ours"), null);
    }

    @Test
    void aTrialEndsIntoAPaidMonthAndRenewsMonthly() {
        BillingSubscription trial = subscribe("pm_card_visa", 7);
        assertThat(trial.status()).isEqualTo("trialing");
        assertThat(trial.trialEnd()).isEqualTo(START.plus(Duration.ofDays(7)));
        assertThat(types()).containsExactly("customer.subscription.created", "invoice.paid");

        events.clear();
        billing.advance(Duration.ofDays(8));
        assertThat(types()).containsExactly("customer.subscription.trial_will_end", "customer.subscription.updated",
                "invoice.paid");
        BillingSubscription active = billing.retrieveSubscription(trial.id()).orElseThrow();
        assertThat(active.status()).isEqualTo("active");
        assertThat(active.currentPeriodStart()).isEqualTo(trial.trialEnd());
        assertThat(active.currentPeriodEnd()).isEqualTo(Instant.parse("2026-02-17T12:00:00Z"));

        events.clear();
        billing.advance(Duration.ofDays(31));
        assertThat(types()).containsExactly("customer.subscription.updated", "invoice.paid");
        assertThat(billing.retrieveSubscription(trial.id()).orElseThrow().currentPeriodStart())
                .isEqualTo(Instant.parse("2026-02-17T12:00:00Z"));
    }

    @Test
    void aDeclinedRenewalTurnsPastDueAndAWorkingCardPaysIt() {
        BillingSubscription active = subscribe("pm_card_visa", 0);
        billing.attachPaymentMethod(customer, "pm_card_chargeDeclined", true);
        events.clear();
        billing.advance(Duration.ofDays(31));
        assertThat(types()).containsExactly("customer.subscription.updated", "invoice.payment_failed");
        assertThat(billing.retrieveSubscription(active.id()).orElseThrow().status()).isEqualTo("past_due");
        JsonNode failed = json(events.get(1)).path("data").path("object");
        assertThat(failed.path("parent").path("subscription_details").path("metadata").path("settle_subscription_id")
                .asText()).isEqualTo("sub_ours");

        events.clear();
        billing.advance(Duration.ofDays(40));
        assertThat(types()).as("no renewal while past due").isEmpty();
        billing.attachPaymentMethod(customer, "pm_card_visa", true);
        assertThat(types()).containsExactly("invoice.paid", "customer.subscription.updated");
        assertThat(billing.retrieveSubscription(active.id()).orElseThrow().status()).isEqualTo("active");
    }

    @Test
    void aDeclinedFirstPaymentCreatesNothing() {
        PaymentGatewayException declined = catchThrowableOfType(PaymentGatewayException.class,
                () -> subscribe("pm_card_chargeDeclinedInsufficientFunds", 0));
        assertThat(declined.kind()).isEqualTo(PaymentGatewayException.Kind.DECLINED);
        assertThat(declined.code()).isEqualTo("insufficient_funds");
        assertThat(types()).isEmpty();
    }

    @Test
    void cancellationAtPeriodEndEndsItAtThatMoment() {
        BillingSubscription active = subscribe("pm_card_visa", 0);
        billing.setCancelAtPeriodEnd(active.id(), true, null);
        events.clear();
        billing.advance(Duration.ofDays(40));
        assertThat(types()).containsExactly("customer.subscription.deleted");
        JsonNode deleted = json(events.get(0)).path("data").path("object");
        assertThat(deleted.path("ended_at").asLong()).isEqualTo(active.currentPeriodEnd().getEpochSecond());
    }

    @Test
    void anUpgradeChargesTheProratedDifferenceAndADeclineChangesNothing() {
        BillingSubscription active = subscribe("pm_card_visa", 0);
        PriceRef premium = new PriceRef("price_premium", Money.of(4500, "usd"), BillingInterval.month);
        events.clear();
        BillingSubscription upgraded = billing.changePrice(active.id(), premium, true, null);
        assertThat(upgraded.priceId()).isEqualTo("price_premium");
        JsonNode invoice = json(events.get(events.size() - 1)).path("data").path("object");
        assertThat(invoice.path("amount_paid").asLong()).as("a whole period left: the whole difference").isEqualTo(3000);

        billing.attachPaymentMethod(customer, "pm_card_chargeDeclined", true);
        PriceRef top = new PriceRef("price_top", Money.of(9900, "usd"), BillingInterval.month);
        assertThat(catchThrowableOfType(PaymentGatewayException.class,
                () -> billing.changePrice(active.id(), top, true, null)).kind())
                .isEqualTo(PaymentGatewayException.Kind.DECLINED);
        assertThat(billing.retrieveSubscription(active.id()).orElseThrow().priceId()).isEqualTo("price_premium");
    }

    private static JsonNode json(SimulatorEvent event) {
        try {
            return new ObjectMapper().readTree(event.payload());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final PriceRef BASIC = new PriceRef("price_basic", Money.of(500, "usd"), BillingInterval.month);

    @Test
    void aScheduledPriceChangeWaitsForTheRenewalAndCanBeDropped() {
        BillingSubscription active = subscribe("pm_card_visa", 0);
        events.clear();
        billing.schedulePriceChange(active.id(), BASIC, "k1");
        assertThat(types()).containsExactly("customer.subscription.updated");
        assertThat(billing.retrieveSubscription(active.id()).orElseThrow().priceId()).isEqualTo("price_pro");

        billing.cancelScheduledPriceChange(active.id());
        events.clear();
        billing.advance(Duration.ofDays(31));
        assertThat(json(events.get(1)).path("data").path("object").path("amount_paid").asLong()).isEqualTo(1500);

        billing.schedulePriceChange(active.id(), BASIC, "k2");
        events.clear();
        billing.advance(Duration.ofDays(31));
        assertThat(types()).containsExactly("customer.subscription.updated", "invoice.paid");
        assertThat(json(events.get(1)).path("data").path("object").path("amount_paid").asLong()).isEqualTo(500);
        assertThat(billing.retrieveSubscription(active.id()).orElseThrow().priceId()).isEqualTo("price_basic");
    }

    @Test
    void refundsOfAPaidInvoiceReportTheCumulativeAmountAndNeverExceedIt() {
        subscribe("pm_card_visa", 0);
        JsonNode invoice = json(events.get(1)).path("data").path("object");
        String invoiceId = invoice.path("id").asText();
        String paymentIntent = invoice.path("payments").path("data").path(0).path("payment").path("payment_intent")
                .asText();
        assertThat(billing.invoiceForPaymentIntent(paymentIntent)).contains(invoiceId);
        events.clear();

        billing.refundInvoice(invoiceId, 400L);
        billing.refundInvoice(invoiceId, null);
        assertThat(types()).containsExactly("charge.refunded", "charge.refunded");
        JsonNode first = json(events.get(0)).path("data").path("object");
        JsonNode second = json(events.get(1)).path("data").path("object");
        assertThat(first.path("invoice").asText()).isEqualTo(invoiceId);
        assertThat(first.path("amount_refunded").asLong()).isEqualTo(400);
        assertThat(first.path("refunded").asBoolean()).isFalse();
        assertThat(second.path("amount_refunded").asLong()).isEqualTo(1500);
        assertThat(second.path("refunds").path("data").path(0).path("amount").asLong()).isEqualTo(1100);
        assertThat(second.path("refunded").asBoolean()).isTrue();
        assertThat(catchThrowableOfType(PaymentGatewayException.class, () -> billing.refundInvoice(invoiceId, 1L)))
                .isNotNull();
        assertThat(catchThrowableOfType(PaymentGatewayException.class, () -> billing.refundInvoice("in_nope", null)))
                .isNotNull();
    }
}
