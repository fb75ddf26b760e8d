package io.settle.api.booking;

public enum DisputeOutcome {
    RELEASE, REFUND, PARTIAL_REFUND
}
