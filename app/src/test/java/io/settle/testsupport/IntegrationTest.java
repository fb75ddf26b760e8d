package io.settle.testsupport;

import io.settle.app.config.RunModeDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Base for tests that drive the real application over HTTP on a real PostgreSQL. Subclasses that add no
 * configuration of their own share one Spring context (and one database), so data must be unique per test.
 */
@ExtendWith(SpringExtension.class)
// Spring Boot switches metrics export off in tests; keep it on so /actuator/prometheus exists as in production
@AutoConfigureObservability(tracing = false)
// settle.dev.enabled is set here, not in @DynamicPropertySource: dynamic properties outrank
// @TestPropertySource, and a subclass must be able to switch dev endpoints off.
// Wallets are snapshotted every 3 events, so nearly every wallet command of the suite loads one from a snapshot.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"settle.dev.enabled=true", "settle.snapshots.wallet-events=3"})
public abstract class IntegrationTest {

    public static final String JWT_SECRET = "integration-tests-only-secret-0123456789abcdef";

    @LocalServerPort
    protected int port;

    @Autowired
    protected Tokens tokens;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestDatabase.Coordinates db = TestDatabase.newDatabase();
        Path dataDir = Files.createTempDirectory("settle-test-data");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        // RunModeDetector decides "embedded" before dynamic properties exist, so it never sees the URL
        // above; without this every test context would start the developer's embedded PostgreSQL.
        registry.add(RunModeDetector.EMBEDDED, () -> "false");
        registry.add("settle.jwt.secret", () -> JWT_SECRET);
        registry.add("settle.data-dir", dataDir::toString);
    }

    protected Api api() {
        return new Api("http://localhost:" + port, null);
    }

    protected Api as(String userId, String... roles) {
        return new Api("http://localhost:" + port, tokens.mint(userId, roles));
    }
}
