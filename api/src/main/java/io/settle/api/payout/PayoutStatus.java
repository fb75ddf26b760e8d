package io.settle.api.payout;

public enum PayoutStatus {
    REQUESTED, TRANSFERRED, IN_TRANSIT, PAID, FAILED;

    public boolean isFinal() {
        return this == PAID || this == FAILED;
    }
}
