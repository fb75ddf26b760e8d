package io.settle.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key that signs and verifies bearer tokens. From {@code SETTLE_JWT_SECRET}; in the embedded
 * default only, generated once and kept in the local data folder so tokens survive restarts.
 */
public final class JwtSecret {

    static final int MIN_BYTES = 32;

    private JwtSecret() {
    }

    public static SecretKey resolve(String configured, boolean devMode, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return key(configured.getBytes(StandardCharsets.UTF_8));
        }
        if (!devMode) {
            throw new IllegalStateException("SETTLE_JWT_SECRET must be set (at least " + MIN_BYTES
                    + " characters) outside the embedded default");
        }
        return key(persistedDevSecret(dataDir.resolve("jwt-secret")));
    }

    private static SecretKey key(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException("SETTLE_JWT_SECRET must be at least " + MIN_BYTES + " bytes long");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static byte[] persistedDevSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                Files.writeString(file, Base64.getEncoder().encodeToString(random));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // non-POSIX file system: the folder is git-ignored and local anyway
                }
            }
            return Files.readString(file).trim().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the dev JWT secret at " + file, e);
        }
    }
}
