package io.settle.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the next Gatling simulation is to do, and where it reports what the bench measures beyond
 * Gatling's own statistics (paid bookings for the lag poller, release times for the deadline check).
 * Gatling creates simulations by class name with no arguments, in this JVM, so the bench hands them
 * their parameters here before each run ({@link GatlingRun}), and read what was answered from
 * {@link #tally(String)} after it.
 */
record LoadPlan(String baseUrl, List<String> customerTokens, List<String> offeringIds, int clients,
                Duration warmup, Duration measure, double perSecond, String webhookSecret,
                Set<String> paidBookings, Map<String, Instant> releaseAt, AtomicLong sequence,
                Map<String, Tally> tallies) {

    private static volatile LoadPlan current;

    /** What every phase shares; a phase ({@link #closed}, {@link #open}) is what runs and records. */
    static LoadPlan of(String baseUrl, List<String> customerTokens, List<String> offeringIds, String webhookSecret) {
        return new LoadPlan(baseUrl, List.copyOf(customerTokens), List.copyOf(offeringIds), 1, Duration.ZERO,
                Duration.ZERO, 0, webhookSecret, Set.of(), Map.of(), new AtomicLong(), Map.of());
    }

    /** A closed phase: {@code clients} virtual users, each sending its next request when the last is answered. */
    LoadPlan closed(int clients, Duration warmup, Duration measure) {
        return phase(clients, warmup, measure, 0);
    }

    /** An open phase: {@code perSecond} new virtual users a second for {@code duration}, whatever the answers. */
    LoadPlan open(double perSecond, Duration duration) {
        return phase(0, Duration.ZERO, duration, perSecond);
    }

    /** A phase of this plan's users and offerings, with nothing recorded yet. */
    private LoadPlan phase(int clients, Duration warmup, Duration measure, double perSecond) {
        return new LoadPlan(baseUrl, customerTokens, offeringIds, clients, warmup, measure, perSecond, webhookSecret,
                ConcurrentHashMap.newKeySet(), new ConcurrentHashMap<>(), new AtomicLong(), new ConcurrentHashMap<>());
    }

    static void use(LoadPlan plan) {
        current = plan;
    }

    static LoadPlan current() {
        LoadPlan plan = current;
        if (plan == null) {
            throw new IllegalStateException("no LoadPlan: the simulations run from the bench (bench/run.sh)");
        }
        return plan;
    }

    String customerToken(long virtualUser) {
        return customerTokens.get((int) (virtualUser % customerTokens.size()));
    }

    /** The answers to the requests named {@code name} in this plan's run. */
    Tally tally(String name) {
        return tallies.computeIfAbsent(name, n -> new Tally());
    }

    /** The providers' offerings in turn, over all virtual users. */
    String nextOffering() {
        return offeringIds.get((int) (sequence.getAndIncrement() % offeringIds.size()));
    }
}
