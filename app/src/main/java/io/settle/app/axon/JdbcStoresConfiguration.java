package io.settle.app.axon;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Event processors' tokens and sagas in PostgreSQL through Axon's JDBC stores, on the tables and columns Axon's
 * JPA stores used (V1; rows written by either are read by the other), in every mode, Axon Server included.
 * <p>
 * Every event processor stores its token once per batch, fifteen processors for every event, and every booking
 * starts an escrow saga: the JPA stores lock the token row with a {@code SELECT … FOR UPDATE} and flush each
 * entity through Hibernate, and in a profile under booking load the two stores took 14 % of the process's CPU
 * (docs/benchmarks.md). The JDBC stores send the statements themselves (a token update is one {@code UPDATE}),
 * on the connection of the processor's transaction.
 */
@Configuration(proxyBeanMethods = false)
public class JdbcStoresConfiguration {

    /** The JDBC connection of the Spring transaction in progress (the JPA transaction manager exposes it). */
    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Claims segments under a name of this instance's own. Axon's default owner name is the JVM's "pid@host",
     * which two instances share when they run in one JVM or in containers with the same hostname and pid 1: both
     * then believe they hold the same segment (processing it twice) and nobody claims the others, whose events
     * are never projected. {@code settle.node-id} (SETTLE_NODE_ID) names the instance; by default pid@host plus
     * a random suffix.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider axonConnectionProvider, Serializer serializer,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                          @Value("${settle.node-id:}") String nodeId) {
        return JdbcTokenStore.builder()
                .connectionProvider(axonConnectionProvider)
                .schema(tokenSchema())
                .contentType(byte[].class)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(nodeId.isBlank() ? defaultNodeId() : nodeId)
                .build();
    }

    /** The saga store; an association's {@code id} comes from the column's default (V15). */
    @Bean
    SagaStore<Object> sagaStore(ConnectionProvider axonConnectionProvider, Serializer serializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(axonConnectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema(SagaSchema.builder()
                        .sagaEntryTable("saga_entry")
                        .sagaIdColumn("saga_id")
                        .sagaTypeColumn("saga_type")
                        .serializedSagaColumn("serialized_saga")
                        .associationValueEntryTable("association_value_entry")
                        .associationKeyColumn("association_key")
                        .associationValueColumn("association_value")
                        .build()))
                .serializer(serializer)
                .build();
    }

    static TokenSchema tokenSchema() {
        return TokenSchema.builder().setTokenTable("token_entry").setProcessorNameColumn("processor_name")
                .setTokenTypeColumn("token_type").build();
    }

    static String defaultNodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
