package io.settle.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.settle.testsupport.IntegrationTest;
import io.settle.testsupport.PingAggregate;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.generator.Generator;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** The JPA event store on PostgreSQL: gap-free global index, bytea columns, schema owned by Flyway. */
class EventStoreOnPostgresTest extends IntegrationTest {

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EntityManagerFactory entityManagerFactory;
    @Autowired
    Flyway flyway;
    @Value("${spring.jpa.hibernate.ddl-auto}")
    String ddlAuto;

    @Test
    void consecutiveEventsGetContiguousGlobalIndexes() {
        String id = "ping-" + UUID.randomUUID();

        for (int i = 0; i < 3; i++) {
            commandGateway.sendAndWait(new PingAggregate.Ping(id));
        }

        List<Long> indexes = jdbc.queryForList("""
                SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number""", Long.class, id);
        assertThat(indexes).hasSize(3);
        assertThat(indexes.get(1)).isEqualTo(indexes.get(0) + 1);
        assertThat(indexes.get(2)).isEqualTo(indexes.get(0) + 2);
    }

    @Test
    void hibernateTakesGlobalIndexesOneAtATime() {
        // within one JVM a pooled optimizer also hands out contiguous values; the gaps appear across
        // restarts and instances, so check the generator itself and the sequence behind it
        Generator generator = entityManagerFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .getEntityDescriptor(DomainEventEntry.class).getGenerator();

        assertThat(generator).isInstanceOf(SequenceStyleGenerator.class);
        SequenceStyleGenerator sequence = (SequenceStyleGenerator) generator;
        assertThat(sequence.getDatabaseStructure().getPhysicalName().getObjectName().getText())
                .isEqualTo("domain_event_entry_seq");
        assertThat(sequence.getDatabaseStructure().getIncrementSize()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                "SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_entry_seq'", Long.class))
                .isEqualTo(1L);
    }

    @Test
    void axonBinaryColumnsAreByteaNotLargeObjects() {
        assertThat(columnType("domain_event_entry", "payload")).isEqualTo("bytea");
        assertThat(columnType("domain_event_entry", "meta_data")).isEqualTo("bytea");
        assertThat(columnType("token_entry", "token")).isEqualTo("bytea");
        assertThat(columnType("saga_entry", "serialized_saga")).isEqualTo("bytea");
        assertThat(jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type = 'oid'""", String.class)).isEmpty();
    }

    @Test
    void flywayOwnsTheSchemaAndHibernateOnlyValidatesIt() {
        assertThat(ddlAuto).isEqualTo("validate");
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied()).extracting(MigrationInfo::getVersion)
                .extracting(Object::toString).startsWith("1", "2", "3");
        assertThat(flyway.info().applied()).allMatch(m -> m.getState().isApplied() && !m.getState().isFailed());
        // the context started with ddl-auto=validate; validate again explicitly so a mismatch names itself
        assertThatCode(() -> entityManagerFactory.unwrap(SessionFactoryImplementor.class).getSchemaManager()
                .validateMappedObjects()).doesNotThrowAnyException();
    }

    private String columnType(String table, String column) {
        return jdbc.queryForObject("""
                SELECT data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?""",
                String.class, table, column);
    }
}
