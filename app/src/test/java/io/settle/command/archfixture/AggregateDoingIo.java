package io.settle.command.archfixture;

import io.settle.api.Money;

/** Deliberately bad command-side classes, one kind of I/O each; see LayerRulesCatchViolationsTest. */
public final class AggregateDoingIo {

    public static class UsesJdbc {
        java.sql.Connection connection;
    }

    public static class UsesDataSource {
        javax.sql.DataSource dataSource;
    }

    public static class UsesJpa {
        jakarta.persistence.EntityManager entityManager;
    }

    public static class UsesJdbcTemplate {
        org.springframework.jdbc.core.JdbcTemplate jdbc;
    }

    public static class UsesSpringWeb {
        org.springframework.web.client.RestClient rest;
    }

    public static class UsesHttpClient {
        java.net.http.HttpClient http;
    }

    public static class ReadsFileStream {
        java.io.FileInputStream in;
    }

    public static class ReadsNioFiles {
        byte[] read(java.nio.file.Path path) throws java.io.IOException {
            return java.nio.file.Files.readAllBytes(path);
        }
    }

    public static class CallsStripe {
        com.stripe.net.RequestOptions options;
    }

    /** What the command side may use: the api and plain Java. */
    public static class PureRules {
        Money fee(Money amount) {
            return amount;
        }

        java.time.Instant releaseAt(java.time.Instant paidAt) {
            return paidAt.plus(java.time.Duration.ofHours(72));
        }
    }

    private AggregateDoingIo() {
    }
}
