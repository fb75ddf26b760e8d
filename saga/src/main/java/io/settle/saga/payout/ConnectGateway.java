package io.settle.saga.payout;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The port to Stripe Connect: Express accounts, their onboarding and dashboard links, transfers from the
 * platform to a connected account, and payouts from that account to its bank. Creating calls carry an
 * idempotency key derived from our ids. Failures are {@link io.settle.saga.payment.PaymentGatewayException}s
 * (TRANSIENT: the outcome is unknown).
 */
public interface ConnectGateway {

    /** An Express account with the payout schedule set to manual: the platform decides when money moves. */
    ConnectedAccount createAccount(String country, String email, Map<String, String> metadata, String idempotencyKey);

    /** An {@code account_onboarding} account link. */
    AccountLink createOnboardingLink(String accountId, String refreshUrl, String returnUrl);

    /** A login link to the Express dashboard (Stripe refuses it before details are submitted). */
    String createLoginLink(String accountId);

    Transfer createTransfer(CreateTransfer request);

    /**
     * The transfer of a payout, looked up at Stripe by its {@code transfer_group} and {@code metadata.payout_id}:
     * how an uncertain outcome (a timeout after sending) is resolved before any new attempt.
     */
    Optional<Transfer> findTransfer(String transferGroup, String payoutId);

    /** Takes a transfer back to the platform (after the bank refused the payout). */
    void reverseTransfer(String transferId, String idempotencyKey);

    /** A payout from the connected account's balance to its bank ({@code Stripe-Account} header). */
    BankPayout createPayout(CreatePayout request);

    record ConnectedAccount(String id, boolean chargesEnabled, boolean payoutsEnabled, boolean detailsSubmitted) {
    }

    record AccountLink(String url, Instant expiresAt) {
    }

    /** {@code sourceTransaction} is the charge that funds it, or null. */
    record CreateTransfer(String destination, long amount, String currency, String transferGroup,
                          String sourceTransaction, Map<String, String> metadata, String idempotencyKey) {
    }

    record Transfer(String id, String destination, long amount, String currency, String transferGroup,
                    Map<String, String> metadata) {
    }

    record CreatePayout(String accountId, long amount, String currency, Map<String, String> metadata,
                        String idempotencyKey) {
    }

    record BankPayout(String id, String status) {
    }
}
