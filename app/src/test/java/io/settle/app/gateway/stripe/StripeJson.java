package io.settle.app.gateway.stripe;

/** Response bodies shaped like Stripe's (API version 2026-07-29.dahlia), trimmed to the fields that matter. */
final class StripeJson {

    static final String PI_ID = "pi_3QzK8fLkdIwHu7ix1cVd2Xyq";
    static final String PI_SECRET = "pi_3QzK8fLkdIwHu7ix1cVd2Xyq_secret_Rt5wq0mZsX4yTnB8aLpVJ3kHd";
    static final String CHARGE_ID = "ch_3QzK8fLkdIwHu7ix1Kq7aZ2m";

    private StripeJson() {
    }

    static String paymentIntent(String status, String latestCharge) {
        return paymentIntent(status, latestCharge, "null");
    }

    static String paymentIntent(String status, String latestCharge, String lastPaymentErrorJson) {
        return """
                {
                  "id": "%s",
                  "object": "payment_intent",
                  "amount": 3000,
                  "amount_capturable": 0,
                  "amount_received": %d,
                  "automatic_payment_methods": {"allow_redirects": "never", "enabled": true},
                  "capture_method": "automatic_async",
                  "client_secret": "%s",
                  "confirmation_method": "automatic",
                  "created": 1795298412,
                  "currency": "usd",
                  "customer": null,
                  "description": "20 Minute Session",
                  "last_payment_error": %s,
                  "latest_charge": %s,
                  "livemode": false,
                  "metadata": {"booking_id": "bk_7d1c2f"},
                  "next_action": null,
                  "payment_method": "pm_1QzK8eLkdIwHu7ixVb9sTq4L",
                  "payment_method_types": ["card"],
                  "status": "%s",
                  "transfer_group": "bk_7d1c2f"
                }
                """.formatted(PI_ID, "succeeded".equals(status) ? 3000 : 0, PI_SECRET, lastPaymentErrorJson,
                latestCharge == null ? "null" : '"' + latestCharge + '"', status);
    }

    /** What Stripe answers (HTTP 402) when confirming an intent fails on the card: the intent rides along. */
    static String cardError(String code, String declineCode, String message) {
        String declineField = declineCode == null ? "" : "\"decline_code\": \"%s\",".formatted(declineCode);
        String error = """
                {
                  "type": "card_error",
                  "code": "%s",
                  %s
                  "charge": "%s",
                  "doc_url": "https://docs.stripe.com/error-codes/%s",
                  "message": "%s",
                  "request_log_url": "https://dashboard.stripe.com/test/logs/req_Vq3nT8sLx0aZk1?t=1795298413"
                }""".formatted(code, declineField, CHARGE_ID, code.replace('_', '-'), message);
        String intent = paymentIntent("requires_payment_method", CHARGE_ID, error);
        return """
                {
                  "error": {
                    "type": "card_error",
                    "code": "%s",
                    %s
                    "charge": "%s",
                    "doc_url": "https://docs.stripe.com/error-codes/%s",
                    "message": "%s",
                    "payment_intent": %s,
                    "request_log_url": "https://dashboard.stripe.com/test/logs/req_Vq3nT8sLx0aZk1?t=1795298413"
                  }
                }
                """.formatted(code, declineField, CHARGE_ID, code.replace('_', '-'), message, intent);
    }

    static String error(String type, String code, String message) {
        String codeField = code == null ? "" : "\"code\": \"%s\",".formatted(code);
        return """
                {
                  "error": {
                    "type": "%s",
                    %s
                    "message": "%s"
                  }
                }
                """.formatted(type, codeField, message);
    }

    static String checkoutSession() {
        return """
                {
                  "id": "cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ",
                  "object": "checkout.session",
                  "amount_total": 3000,
                  "client_secret": "cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ_secret_fidwbEhqYWAnZkpwdSQl",
                  "currency": "usd",
                  "livemode": false,
                  "metadata": {"booking_id": "bk_7d1c2f"},
                  "mode": "payment",
                  "payment_intent": null,
                  "payment_status": "unpaid",
                  "return_url": "https://settle.example/bookings/bk_7d1c2f/return?session_id={CHECKOUT_SESSION_ID}",
                  "status": "open",
                  "ui_mode": "embedded_page",
                  "url": null
                }
                """;
    }

    static String refund(String status, String failureReason) {
        return """
                {
                  "id": "re_3QzK8fLkdIwHu7ix1Wn0pQ5r",
                  "object": "refund",
                  "amount": 1500,
                  "charge": "%s",
                  "created": 1795384812,
                  "currency": "usd",
                  "failure_reason": %s,
                  "metadata": {"booking_id": "bk_7d1c2f", "attempt": "1"},
                  "payment_intent": "%s",
                  "reason": "requested_by_customer",
                  "status": "%s"
                }
                """.formatted(CHARGE_ID, failureReason == null ? "null" : '"' + failureReason + '"', PI_ID, status);
    }
}
