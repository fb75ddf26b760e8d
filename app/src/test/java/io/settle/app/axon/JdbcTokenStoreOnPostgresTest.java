package io.settle.app.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.settle.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The app's token store is Axon's JDBC store on the table Axon's JPA store used: tokens written by one are read
 * by the other (a database of an earlier version keeps its processors' positions), and a segment claimed by
 * one node is refused to another.
 */
class JdbcTokenStoreOnPostgresTest extends IntegrationTest {

    @Autowired
    TokenStore tokenStore;
    @Autowired
    EntityManagerProvider entityManagerProvider;
    @Autowired
    Serializer serializer;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theAppStoresTokensWithJdbc() {
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void aTokenWrittenByTheJpaStoreIsReadAndAdvancedByTheAppsStore() {
        String processor = "upgrade-" + UUID.randomUUID();
        JpaTokenStore previous = jpaStore("earlier-version-node");
        GapAwareTrackingToken written = GapAwareTrackingToken.newInstance(41, List.of(38L, 40L));
        run(() -> previous.initializeTokenSegments(processor, 1));
        run(() -> {
            previous.fetchToken(processor, 0);
            previous.storeToken(written, processor, 0);
        });
        run(() -> previous.releaseClaim(processor, 0));

        TrackingToken read = get(() -> tokenStore.fetchToken(processor, 0));
        assertThat(read).isEqualTo(written);

        GapAwareTrackingToken advanced = written.advanceTo(42, 10_000);
        run(() -> tokenStore.storeToken(advanced, processor, 0));
        run(() -> tokenStore.releaseClaim(processor, 0));
        assertThat(get(() -> previous.fetchToken(processor, 0))).isEqualTo(advanced);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT owner, token_type FROM token_entry WHERE processor_name = ? AND segment = 0", processor);
        assertThat(row.get("owner")).isEqualTo("earlier-version-node");
        assertThat(row.get("token_type")).isEqualTo(GapAwareTrackingToken.class.getName());
    }

    @Test
    void aSegmentClaimedByOneNodeIsRefusedToAnother() {
        String processor = "claimed-" + UUID.randomUUID();
        run(() -> tokenStore.initializeTokenSegments(processor, 1));
        run(() -> tokenStore.fetchToken(processor, 0));
        String owner = jdbc.queryForObject(
                "SELECT owner FROM token_entry WHERE processor_name = ? AND segment = 0", String.class, processor);
        assertThat(owner).isNotBlank();

        JpaTokenStore otherNode = jpaStore("other-node");
        assertThatThrownBy(() -> get(() -> otherNode.fetchToken(processor, 0)))
                .isInstanceOf(UnableToClaimTokenException.class);
        JdbcTokenStore otherJdbcNode = JdbcTokenStore.builder()
                .connectionProvider(() -> jdbc.getDataSource().getConnection())
                .schema(JdbcStoresConfiguration.tokenSchema())
                .contentType(byte[].class).serializer(serializer).nodeId("other-jdbc-node").build();
        assertThatThrownBy(() -> otherJdbcNode.fetchToken(processor, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    private JpaTokenStore jpaStore(String nodeId) {
        return JpaTokenStore.builder().entityManagerProvider(entityManagerProvider).serializer(serializer)
                .nodeId(nodeId).build();
    }

    private void run(Runnable work) {
        transactions.executeWithoutResult(status -> work.run());
    }

    private <T> T get(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
