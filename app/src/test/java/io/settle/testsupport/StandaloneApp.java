package io.settle.testsupport;

import io.settle.SettleApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Settle instance started outside the Spring test context cache: for tests that stop and restart
 * the application, or run a second node on the same database.
 */
public final class StandaloneApp {

    private StandaloneApp() {
    }

    /** Arguments for an instance on {@code db} with a random port, dev endpoints on, and the test JWT secret. */
    public static List<String> args(TestDatabase.Coordinates db, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--settle.database.embedded=false",
                "--server.port=0", "--settle.jwt.secret=" + IntegrationTest.JWT_SECRET, "--settle.dev.enabled=true",
                "--settle.data-dir=" + tempDir()));
        args.addAll(List.of(extra));
        return args;
    }

    public static ConfigurableApplicationContext start(List<String> args) {
        return start(args, new ApplicationContextInitializer<?>[0]);
    }

    /** With initializers that run before any bean exists (e.g. to hand a restarted instance earlier state). */
    public static ConfigurableApplicationContext start(List<String> args,
                                                       ApplicationContextInitializer<?>... initializers) {
        SettleApplication.disableAxonUpdateChecker();
        return new SpringApplicationBuilder(SettleApplication.class).initializers(initializers)
                .run(args.toArray(String[]::new));
    }

    public static Api api(ConfigurableApplicationContext context, String userId, String... roles) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return new Api("http://localhost:" + port, context.getBean(Tokens.class).mint(userId, roles));
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("settle-standalone").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
