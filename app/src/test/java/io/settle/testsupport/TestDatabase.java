package io.settle.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One PostgreSQL per test JVM: an embedded one (zonky, like the app's default) unless
 * {@code SETTLE_TEST_DATABASE_URL} names an external server. Every Spring test context gets its own fresh
 * database on it, so contexts never see each other's events, tokens or deadlines.
 */
public final class TestDatabase {

    public record Coordinates(String url, String user, String password) {
    }

    private static String adminUrl;
    private static String user;
    private static String password;
    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    public static synchronized Coordinates newDatabase() {
        start();
        String name = "settle_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + adminUrl, e);
        }
        return new Coordinates(adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), user, password);
    }

    private static void start() {
        if (adminUrl != null) {
            return;
        }
        String external = System.getenv("SETTLE_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            adminUrl = external;
            user = envOr("SETTLE_TEST_DATABASE_USERNAME", "postgres");
            password = envOr("SETTLE_TEST_DATABASE_PASSWORD", "");
            return;
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded test PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is going away
            }
        }));
        adminUrl = embedded.getJdbcUrl("postgres", "postgres");
        user = "postgres";
        password = "";
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
