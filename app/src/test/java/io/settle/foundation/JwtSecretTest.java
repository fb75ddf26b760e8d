package io.settle.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.settle.app.security.JwtSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretTest {

    private static final String SECRET_32 = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dataDir;

    @Test
    void configuredSecretIsUsedAsIs() {
        SecretKey key = JwtSecret.resolve(SECRET_32, false, dataDir);

        assertThat(key.getEncoded()).isEqualTo(SECRET_32.getBytes(StandardCharsets.UTF_8));
        assertThat(key.getAlgorithm()).isEqualTo("HmacSHA256");
    }

    @Test
    void configuredSecretWinsInDevModeAndNothingIsWritten() {
        SecretKey key = JwtSecret.resolve(SECRET_32, true, dataDir);

        assertThat(key.getEncoded()).isEqualTo(SECRET_32.getBytes(StandardCharsets.UTF_8));
        assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
    }

    @Test
    void secretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> JwtSecret.resolve(SECRET_32.substring(1), false, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SETTLE_JWT_SECRET").hasMessageContaining("32");
    }

    @Test
    void missingSecretOutsideDevModeIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> JwtSecret.resolve(null, false, dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SETTLE_JWT_SECRET");
        assertThatThrownBy(() -> JwtSecret.resolve("  ", false, dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SETTLE_JWT_SECRET");
        assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
    }

    @Test
    void devModeGeneratesASecretOnceAndKeepsIt() throws Exception {
        Path nested = dataDir.resolve("not-yet-created");

        SecretKey first = JwtSecret.resolve("", true, nested);
        String stored = Files.readString(nested.resolve("jwt-secret"));
        SecretKey second = JwtSecret.resolve(null, true, nested);

        assertThat(first.getEncoded()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(second.getEncoded()).isEqualTo(first.getEncoded());
        assertThat(Files.readString(nested.resolve("jwt-secret"))).isEqualTo(stored);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.resolve("jwt-secret"))))
                .isEqualTo("rw-------");
    }

    @Test
    void devSecretsDifferBetweenDataFolders() {
        SecretKey one = JwtSecret.resolve(null, true, dataDir.resolve("a"));
        SecretKey other = JwtSecret.resolve(null, true, dataDir.resolve("b"));

        assertThat(one.getEncoded()).isNotEqualTo(other.getEncoded());
    }
}
