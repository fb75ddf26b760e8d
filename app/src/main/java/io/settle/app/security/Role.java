package io.settle.app.security;

/** The roles a JWT's {@code roles} claim may carry. */
public enum Role {
    CUSTOMER, PROVIDER, ADMIN, ANALYST;

    public String authority() {
        return "ROLE_" + name();
    }
}
