package io.settle.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default keeps its data across restarts. Lives in the configuration's package to call its
 * package-private bean methods, so the test runs exactly the code the application runs.
 */
class EmbeddedPostgresRestartTest {

    @TempDir
    Path settleDir;

    @Test
    void rowWrittenBeforeARestartIsReadAfterIt() throws Exception {
        EmbeddedPostgresConfiguration configuration = new EmbeddedPostgresConfiguration();
        Path dataDir = settleDir.resolve("pgdata");

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(dataDir, freePort());
             HikariDataSource dataSource = (HikariDataSource) configuration.dataSource(postgres, 2)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE restart_probe (note text)");
            jdbc.update("INSERT INTO restart_probe VALUES ('written before restart')");
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(dataDir, freePort());
             HikariDataSource dataSource = (HikariDataSource) configuration.dataSource(postgres, 2)) {
            assertThat(new JdbcTemplate(dataSource).queryForList("SELECT note FROM restart_probe", String.class))
                    .containsExactly("written before restart");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
