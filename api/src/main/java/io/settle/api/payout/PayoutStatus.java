package io.settle.api.payout;

public enum PayoutStatus {
    REQUESTED, TRANSFERRED, IN_TRANSIT, PAID, FAILED,
    /** Canceled by an admin before any transfer was made; the funds went back to available. */
    CANCELED;

    public boolean isFinal() {
        return this == PAID || this == FAILED || this == CANCELED;
    }
}
