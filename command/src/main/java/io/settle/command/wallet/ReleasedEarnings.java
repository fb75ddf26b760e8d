package io.settle.command.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The released earnings a wallet has not paid out yet, oldest first. Payouts consume them in that order;
 * when one payout is covered by a single booking's earning, that booking funds it (and its charge can be
 * the Stripe transfer's source_transaction).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class ReleasedEarnings {

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    private static final class Slice {
        final String source;
        long remaining;

        @JsonCreator
        Slice(@JsonProperty("source") String source, @JsonProperty("remaining") long remaining) {
            this.source = source;
            this.remaining = remaining;
        }
    }

    private final Deque<Slice> slices = new ArrayDeque<>();

    void add(String source, long amount) {
        slices.addLast(new Slice(source, amount));
    }

    /** The booking whose earning alone covers the next {@code amount}, or null (several, or a returned payout). */
    String soleFunder(long amount) {
        Slice first = slices.peekFirst();
        if (first == null || first.remaining < amount || first.source.startsWith("payout:")) {
            return null;
        }
        return first.source;
    }

    void consume(long amount) {
        long left = amount;
        while (left > 0 && !slices.isEmpty()) {
            Slice first = slices.peekFirst();
            long used = Math.min(first.remaining, left);
            first.remaining -= used;
            left -= used;
            if (first.remaining == 0) {
                slices.removeFirst();
            }
        }
    }

    /**
     * Removes {@code amount} that left available because of {@code source} (a reclaimed booking, or the credit
     * that settled a debt): from that source's slices first, the rest oldest first.
     */
    void take(String source, long amount) {
        long left = amount;
        for (java.util.Iterator<Slice> it = slices.iterator(); it.hasNext() && left > 0; ) {
            Slice slice = it.next();
            if (slice.source.equals(source)) {
                long used = Math.min(slice.remaining, left);
                slice.remaining -= used;
                left -= used;
                if (slice.remaining == 0) {
                    it.remove();
                }
            }
        }
        consume(left);
    }

    private List<String> describe() {
        return slices.stream().map(slice -> slice.source + "=" + slice.remaining).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleasedEarnings that && describe().equals(that.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }
}
