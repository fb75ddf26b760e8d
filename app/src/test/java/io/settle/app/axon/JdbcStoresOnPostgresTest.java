package io.settle.app.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.settle.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jpa.JpaSagaStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The app's token and saga stores are Axon's JDBC stores on the tables Axon's JPA stores used
 * ({@link JdbcStoresConfiguration}): what one wrote the other reads (a database of an earlier version keeps
 * its processors' positions and its running sagas), a segment claimed by one node is refused to another,
 * and the associations the saga store inserts take their ids from the sequence the JPA store used.
 */
class JdbcStoresOnPostgresTest extends IntegrationTest {

    /** A saga as Jackson stores it: the state the store must carry, nothing else. */
    public static class NoteSaga {
        public String note;

        public NoteSaga() {
        }

        NoteSaga(String note) {
            this.note = note;
        }
    }

    @Autowired
    TokenStore tokenStore;
    @Autowired
    SagaStore<Object> sagaStore;
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

    @Test
    void theAppStoresSagasWithJdbc() {
        assertThat(sagaStore).isInstanceOf(JdbcSagaStore.class);
    }

    @Test
    void aSagaStoredByTheJpaStoreIsFoundLoadedAndUpdatedByTheAppsStore() {
        JpaSagaStore previous = JpaSagaStore.builder().entityManagerProvider(entityManagerProvider)
                .serializer(serializer).build();
        String sagaId = "saga-" + UUID.randomUUID();
        AssociationValue booking = new AssociationValue("bookingId", "bk-" + sagaId);
        run(() -> previous.insertSaga(NoteSaga.class, sagaId, new NoteSaga("held"), Set.of(booking)));

        assertThat(get(() -> sagaStore.findSagas(NoteSaga.class, booking))).containsExactly(sagaId);
        SagaStore.Entry<NoteSaga> loaded = get(() -> sagaStore.loadSaga(NoteSaga.class, sagaId));
        assertThat(loaded.saga().note).isEqualTo("held");
        assertThat(loaded.associationValues()).containsExactly(booking);

        AssociationValue payout = new AssociationValue("payoutId", "po-" + sagaId);
        AssociationValuesImpl associations = new AssociationValuesImpl(Set.of(booking));
        associations.add(payout);
        associations.remove(booking);
        run(() -> sagaStore.updateSaga(NoteSaga.class, sagaId, new NoteSaga("released"), associations));

        SagaStore.Entry<NoteSaga> seenByJpa = get(() -> previous.loadSaga(NoteSaga.class, sagaId));
        assertThat(seenByJpa.saga().note).isEqualTo("released");
        assertThat(seenByJpa.associationValues()).containsExactly(payout);
        assertThat(get(() -> previous.findSagas(NoteSaga.class, booking))).isEmpty();
    }

    @Test
    void associationsInsertedByTheAppsStoreTakeIdsFromTheSequence() {
        String sagaId = "saga-" + UUID.randomUUID();
        long highestBefore = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM association_value_entry",
                Long.class);
        run(() -> sagaStore.insertSaga(NoteSaga.class, sagaId, new NoteSaga("held"),
                Set.of(new AssociationValue("bookingId", "bk-" + sagaId), new AssociationValue("k", "v-" + sagaId))));

        List<Long> ids = jdbc.queryForList("SELECT id FROM association_value_entry WHERE saga_id = ? ORDER BY id",
                Long.class, sagaId);
        assertThat(ids).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isGreaterThan(highestBefore));
        assertThat(jdbc.queryForObject("SELECT last_value FROM association_value_entry_seq", Long.class))
                .isEqualTo(ids.get(1));

        run(() -> sagaStore.deleteSaga(NoteSaga.class, sagaId, Set.of()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_entry WHERE saga_id = ?", Long.class, sagaId))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM association_value_entry WHERE saga_id = ?", Long.class,
                sagaId)).isZero();
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
