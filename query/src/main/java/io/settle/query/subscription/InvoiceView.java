package io.settle.query.subscription;

import io.settle.api.Money;
import java.time.Instant;

public record InvoiceView(String id, String subscriptionId, Money amount, String status, Instant periodStart,
                          Instant periodEnd, String failureCode, String failureMessage, String hostedInvoiceUrl,
                          String invoicePdf, Instant createdAt, Money refunded) {
}
