package io.settle.app.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.IntegrationTest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.common.jpa.EntityManagerProvider;
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
 * The app's saga store is Axon's JDBC store on the tables Axon's JPA store used: a saga stored by one is found,
 * loaded and updated by the other (a database of an earlier version keeps its running sagas), and the
 * associations it inserts take their ids from the sequence the JPA store used.
 */
class JdbcSagaStoreOnPostgresTest extends IntegrationTest {

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

    private void run(Runnable work) {
        transactions.executeWithoutResult(status -> work.run());
    }

    private <T> T get(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
