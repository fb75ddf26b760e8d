package io.settle.app.gateway.simulator.connect;

import io.settle.app.gateway.simulator.GatewayFault;
import io.settle.app.gateway.simulator.SimulatorEvent;
import io.settle.app.gateway.simulator.SimulatorEventSink;
import io.settle.saga.payment.PaymentGatewayException;
import io.settle.saga.payment.PaymentGatewayException.Kind;
import io.settle.saga.payout.ConnectGateway;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stripe Connect in test mode, in memory: Express accounts (onboarded on request, see
 * {@link #completeOnboarding}), account and login links, transfers (with reversals) and payouts of connected
 * accounts, which are paid at once ({@code payout.paid}) unless told to fail. Creating calls honour
 * idempotency keys like Stripe. Connect events go to {@code sink} with the account at the top level.
 *
 * <p>Faults for tests: {@link #timeOutAfterNextTransfers} makes a transfer succeed at Stripe while the
 * caller sees a timeout (the uncertain outcome); {@link #injectTransferFaults} adds 5xx and 429 answers;
 * {@link #failNextPayouts} makes the bank refuse payouts.
 */
public class SimulatedConnect implements ConnectGateway {

    /** Like Stripe, a request the bank refuses is still created, and fails later with this code. */
    public static final String DEFAULT_PAYOUT_FAILURE = "account_closed";

    private final SimulatorEventSink events;
    /** Platform events (transfer.*), delivered to /webhooks/stripe. */
    private final SimulatorEventSink platformEvents;
    private final Clock clock;
    private final ConnectEventJson json = new ConnectEventJson();
    private final Map<String, Object> idempotency = new HashMap<>();
    private final Map<String, SimAccount> accounts = new LinkedHashMap<>();
    private final List<Transfer> transfers = new ArrayList<>();
    private final Map<String, String> sourceTransactions = new HashMap<>();
    private final List<String> reversedTransfers = new ArrayList<>();
    private final List<BankPayout> payouts = new ArrayList<>();
    private final List<String> transferLookups = new ArrayList<>();
    private int transferTimeouts;
    private int transferConnectionErrors;
    private int payoutFailures;
    private final java.util.ArrayDeque<GatewayFault> transferFaults = new java.util.ArrayDeque<>();

    public SimulatedConnect(SimulatorEventSink events, Clock clock) {
        this(events, event -> { }, clock);
    }

    public SimulatedConnect(SimulatorEventSink events, SimulatorEventSink platformEvents, Clock clock) {
        this.events = events;
        this.platformEvents = platformEvents;
        this.clock = clock;
    }

    @Override
    public ConnectedAccount createAccount(String country, String email, Map<String, String> metadata,
                                          String idempotencyKey) {
        return idempotent(idempotencyKey, () -> {
            SimAccount account = new SimAccount(id("acct"), country, email, Map.copyOf(metadata));
            accounts.put(account.id, account);
            return account.view();
        });
    }

    @Override
    public synchronized AccountLink createOnboardingLink(String accountId, String refreshUrl, String returnUrl) {
        account(accountId);
        return new AccountLink("https://connect.stripe.com/setup/e/" + accountId + "/" + id("sim"),
                clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Override
    public synchronized String createLoginLink(String accountId) {
        SimAccount account = account(accountId);
        if (!account.detailsSubmitted) {
            throw new PaymentGatewayException(Kind.PERMANENT, "account_invalid",
                    "Cannot create a login link for an account that has not completed onboarding.");
        }
        return "https://connect.stripe.com/express/" + accountId + "/" + id("sim");
    }

    @Override
    public Transfer createTransfer(CreateTransfer request) {
        GatewayFault fault;
        synchronized (this) {
            fault = transferFaults.poll();
            if (fault != null && !fault.carriedOut()) {
                throw fault.exception();
            }
            if (transferConnectionErrors > 0) {
                transferConnectionErrors--;
                throw new PaymentGatewayException(Kind.TRANSIENT, null,
                        "Could not connect to Stripe (connection refused); the request was not sent");
            }
        }
        Transfer transfer = idempotent(request.idempotencyKey(), () -> {
            SimAccount destination = account(request.destination());
            if (!destination.payoutsEnabled) {
                throw new PaymentGatewayException(Kind.PERMANENT, "insufficient_capabilities_for_transfer",
                        "Your destination account needs to have at least one of the following capabilities enabled: "
                                + "transfers, crypto_transfers, legacy_payments");
            }
            Transfer made = new Transfer(id("tr"), request.destination(), request.amount(), request.currency(),
                    request.transferGroup(), Map.copyOf(request.metadata()));
            transfers.add(made);
            if (request.sourceTransaction() != null) {
                sourceTransactions.put(made.id(), request.sourceTransaction());
            }
            return made;
        });
        synchronized (this) {
            if (transferTimeouts > 0) {
                transferTimeouts--;
                throw new PaymentGatewayException(Kind.TRANSIENT, null,
                        "Request to Stripe timed out (read timed out) after the transfer was created");
            }
        }
        if (fault != null) {
            throw fault.exception();
        }
        return transfer;
    }

    @Override
    public synchronized Optional<Transfer> findTransfer(String transferGroup, String payoutId) {
        transferLookups.add(transferGroup);
        return transfers.stream()
                .filter(t -> transferGroup.equals(t.transferGroup()) && payoutId.equals(t.metadata().get("payout_id")))
                .findFirst();
    }

    /** Reverses in full, once; like Stripe, a reversal sends {@code transfer.reversed} to the platform endpoint. */
    @Override
    public void reverseTransfer(String transferId, String idempotencyKey) {
        SimulatorEvent event = null;
        synchronized (this) {
            Transfer transfer = transfers.stream().filter(t -> t.id().equals(transferId)).findFirst()
                    .orElseThrow(() -> new PaymentGatewayException(Kind.PERMANENT, "resource_missing",
                            "No such transfer: '" + transferId + "'"));
            if (!reversedTransfers.contains(transferId)) {
                reversedTransfers.add(transferId);
                event = json.transferReversed(transfer, clock.instant());
            }
        }
        if (event != null) {
            platformEvents.publish(event);
        }
    }

    public synchronized boolean transferExists(String transferId) {
        return transfers.stream().anyMatch(t -> t.id().equals(transferId));
    }

    @Override
    public BankPayout createPayout(CreatePayout request) {
        List<SimulatorEvent> produced = new ArrayList<>();
        BankPayout payout = idempotent(request.idempotencyKey(), () -> {
            account(request.accountId());
            boolean fails = payoutFailures > 0;
            if (fails) {
                payoutFailures--;
            }
            BankPayout made = new BankPayout(id("po"), "pending");
            payouts.add(made);
            produced.add(fails
                    ? json.payoutEvent("payout.failed", request, made.id(), "failed", DEFAULT_PAYOUT_FAILURE,
                    "The bank account has been closed.", clock.instant())
                    : json.payoutEvent("payout.paid", request, made.id(), "paid", null, null, clock.instant()));
            return made;
        });
        produced.forEach(events::publish);
        return payout;
    }

    /** What a provider finishing (or half-finishing) Stripe's onboarding pages causes: an account.updated. */
    public ConnectedAccount completeOnboarding(String accountId, boolean restricted) {
        SimulatorEvent event;
        ConnectedAccount view;
        synchronized (this) {
            SimAccount account = account(accountId);
            account.detailsSubmitted = true;
            account.chargesEnabled = !restricted;
            account.payoutsEnabled = !restricted;
            account.currentlyDue = restricted ? List.of("external_account", "individual.verification.document")
                    : List.of();
            account.pastDue = account.currentlyDue;
            account.disabledReason = restricted ? "requirements.past_due" : null;
            event = json.accountUpdated(account, clock.instant());
            view = account.view();
        }
        events.publish(event);
        return view;
    }

    public synchronized boolean exists(String accountId) {
        return accounts.containsKey(accountId);
    }

    /** The next {@code n} transfers are made, but their callers see a timeout. */
    public synchronized void timeOutAfterNextTransfers(int n) {
        transferTimeouts = n;
    }

    /** The next {@code n} transfer requests fail with {@code fault} (5xx, 429, or a timeout after the transfer). */
    public synchronized void injectTransferFaults(GatewayFault fault, int n) {
        for (int i = 0; i < n; i++) {
            transferFaults.add(fault);
        }
    }

    /**
     * For restart tests: Stripe does not forget when our application restarts, so a new instance's simulator
     * takes over an earlier one's accounts, transfers, reversals, payouts and idempotency keys.
     */
    public void carryOver(SimulatedConnect previous) {
        synchronized (previous) {
            synchronized (this) {
                idempotency.putAll(previous.idempotency);
                accounts.putAll(previous.accounts);
                transfers.addAll(previous.transfers);
                sourceTransactions.putAll(previous.sourceTransactions);
                reversedTransfers.addAll(previous.reversedTransfers);
                payouts.addAll(previous.payouts);
            }
        }
    }

    /** Forgets every transfer and payout fault not yet used. */
    public synchronized void clearFaults() {
        transferFaults.clear();
        transferTimeouts = 0;
        transferConnectionErrors = 0;
        payoutFailures = 0;
    }

    /** The next {@code n} transfer requests never reach Stripe (a connection error: nothing is made). */
    public synchronized void refuseConnectionForNextTransfers(int n) {
        transferConnectionErrors = n;
    }

    /**
     * The simulator keeps nothing across restarts; a restart test re-creates, under the same id, an enabled
     * account that existed before.
     */
    public synchronized void restoreEnabledAccount(String accountId, Map<String, String> metadata) {
        SimAccount account = new SimAccount(accountId, "US", null, Map.copyOf(metadata));
        account.detailsSubmitted = true;
        account.chargesEnabled = true;
        account.payoutsEnabled = true;
        account.currentlyDue = List.of();
        account.disabledReason = null;
        accounts.put(accountId, account);
    }

    /** The bank refuses the next {@code n} payouts ({@code payout.failed}, {@value #DEFAULT_PAYOUT_FAILURE}). */
    public synchronized void failNextPayouts(int n) {
        payoutFailures = n;
    }

    public synchronized List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    public synchronized List<Transfer> transfersInGroup(String transferGroup) {
        return transfers.stream().filter(t -> transferGroup.equals(t.transferGroup())).toList();
    }

    /** The charge a transfer was funded from (source_transaction), or null. */
    public synchronized String sourceTransactionOf(String transferId) {
        return sourceTransactions.get(transferId);
    }

    public synchronized List<String> transferLookups() {
        return List.copyOf(transferLookups);
    }

    public synchronized List<String> reversedTransfers() {
        return List.copyOf(reversedTransfers);
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T idempotent(String key, Supplier<T> create) {
        if (key != null && idempotency.containsKey(key)) {
            return (T) idempotency.get(key);
        }
        T result = create.get();
        if (key != null) {
            idempotency.put(key, result);
        }
        return result;
    }

    private SimAccount account(String accountId) {
        SimAccount account = accounts.get(accountId);
        if (account == null) {
            throw new PaymentGatewayException(Kind.PERMANENT, "resource_missing", "No such account: '" + accountId + "'");
        }
        return account;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    static String id(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append("_sim");
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
