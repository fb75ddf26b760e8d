package io.settle.app.wallet;

import io.settle.api.Money;
import io.settle.api.wallet.WalletCommands.AddCredits;
import io.settle.api.wallet.WalletId;
import io.settle.app.axon.Commands;
import io.settle.app.subscription.BillingCustomers;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.settle.saga.payment.CreatePaymentIntent;
import io.settle.saga.payment.PaymentGateway;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentIntentResult;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Customers buy platform credits by card; the credits land when Stripe confirms the payment. */
@Service
public class CreditsService {

    public static final String PURPOSE = "credit_purchase";

    public record PurchaseResponse(String id, String status, Money amount, String paymentIntentId, String clientSecret,
                                   String paymentStatus) {
    }

    private final PaymentGateway gateway;
    private final CreditPurchases purchases;
    private final Commands commands;
    private final BillingCustomers billingCustomers;
    private final Clock clock;

    public CreditsService(PaymentGateway gateway, CreditPurchases purchases, Commands commands,
                          BillingCustomers billingCustomers, Clock clock) {
        this.gateway = gateway;
        this.purchases = purchases;
        this.commands = commands;
        this.billingCustomers = billingCustomers;
        this.clock = clock;
    }

    public PurchaseResponse purchase(String customerId, Money amount, String paymentMethodId) {
        String id = "cp_" + UUID.randomUUID().toString().replace("-", "");
        purchases.insert(id, customerId, amount, clock.instant());
        PaymentIntentResult intent;
        try {
            intent = gateway.createPaymentIntent(billingCustomers.withSavedMethodCustomer(customerId,
                    new CreatePaymentIntent(amount.amount(), amount.currency(), paymentMethodId, "Platform credits",
                            null, Map.of("purpose", PURPOSE, "purchase_id", id, "customer_id", customerId),
                            "credits:" + id + ":pi")));
        } catch (PaymentGatewayException e) {
            purchases.update(id, null, "FAILED", e.code(), clock.instant());
            HttpStatus status = e.kind() == PaymentGatewayException.Kind.DECLINED ? HttpStatus.PAYMENT_REQUIRED
                    : e.isTransient() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
            String code = status == HttpStatus.PAYMENT_REQUIRED ? ErrorCodes.PAYMENT_REQUIRED : ErrorCodes.PAYMENT_GATEWAY_ERROR;
            throw new ApiException(status, code, "The credit purchase could not be paid: " + e.getMessage())
                    .with("purchaseId", id);
        }
        if (intent.declined()) {
            purchases.update(id, intent.id(), "FAILED", intent.failureCode(), clock.instant());
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, ErrorCodes.PAYMENT_REQUIRED,
                    "The payment was declined: " + intent.failureMessage())
                    .with("purchaseId", id).with("declineCode", intent.failureCode());
        }
        String status = "PENDING";
        if (intent.succeeded()) {
            complete(id, customerId, Money.of(intent.amount(), intent.currency()), intent.id(), Map.of());
            status = "SUCCEEDED";
        } else {
            purchases.update(id, intent.id(), status, null, clock.instant());
        }
        return new PurchaseResponse(id, status, amount, intent.id(), intent.clientSecret(), intent.status());
    }

    /** Credits the wallet once per purchase, whether called from the HTTP answer or the webhook. */
    public void complete(String purchaseId, String customerId, Money amount, String paymentIntentId,
                         Map<String, ?> metadata) {
        commands.send(new AddCredits(WalletId.of(customerId, amount.currency()), customerId, purchaseId, amount), metadata);
        purchases.update(purchaseId, paymentIntentId, "SUCCEEDED", null, clock.instant());
    }

    public void fail(String purchaseId, String paymentIntentId, String code) {
        purchases.find(purchaseId).filter(p -> !"SUCCEEDED".equals(p.status()))
                .ifPresent(p -> purchases.update(purchaseId, paymentIntentId, "FAILED", code, clock.instant()));
    }
}
