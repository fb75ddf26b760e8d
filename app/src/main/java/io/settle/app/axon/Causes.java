package io.settle.app.axon;

/** Looks through a failure's chain of causes: command gateways and buses wrap what a handler threw. */
public final class Causes {

    private Causes() {
    }

    /** Whether the failure or any of its causes is an instance of one of {@code types}. */
    public static boolean any(Throwable failure, Class<?>... types) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
