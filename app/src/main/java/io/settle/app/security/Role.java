package io.settle.app.security;

/**
 * The roles a JWT's {@code roles} claim may carry. SERVICE is the marketplace app's own backend calling
 * Settle (a machine token, e.g. to report a booking it could not fulfil); it sees no user's records.
 */
public enum Role {
    CUSTOMER, PROVIDER, ADMIN, ANALYST, SERVICE;

    public String authority() {
        return "ROLE_" + name();
    }
}
