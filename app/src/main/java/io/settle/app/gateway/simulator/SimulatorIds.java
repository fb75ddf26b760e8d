package io.settle.app.gateway.simulator;

import java.security.SecureRandom;

/** Stripe-looking ids: a prefix and 24 random letters and digits, e.g. {@code pi_sim_3PqR...}. */
final class SimulatorIds {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SimulatorIds() {
    }

    static String next(String prefix) {
        return prefix + "_sim_" + random(24);
    }

    /** Stripe's client secret shape: {@code <object id>_secret_<random>}. */
    static String clientSecret(String objectId) {
        return objectId + "_secret_" + random(24);
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
