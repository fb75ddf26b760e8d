-- Axon Framework 4.13 JPA storage: event store, snapshots, tracking tokens, sagas, dead letters.
-- Generated from Axon's entities with SettlePostgresDialect (bytea, not oid) and META-INF/orm.xml
-- (gap-free global index), then owned here; Hibernate only validates it.

CREATE SEQUENCE domain_event_entry_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE domain_event_entry (
    global_index         bigint       NOT NULL PRIMARY KEY,
    sequence_number      bigint       NOT NULL,
    meta_data            bytea,
    payload              bytea        NOT NULL,
    aggregate_identifier varchar(255) NOT NULL,
    event_identifier     varchar(255) NOT NULL UNIQUE,
    payload_revision     varchar(255),
    payload_type         varchar(255) NOT NULL,
    time_stamp           varchar(255) NOT NULL,
    type                 varchar(255),
    CONSTRAINT domain_event_entry_aggregate_sequence_key UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE snapshot_event_entry (
    sequence_number      bigint       NOT NULL,
    meta_data            bytea,
    payload              bytea        NOT NULL,
    aggregate_identifier varchar(255) NOT NULL,
    event_identifier     varchar(255) NOT NULL UNIQUE,
    payload_revision     varchar(255),
    payload_type         varchar(255) NOT NULL,
    time_stamp           varchar(255) NOT NULL,
    type                 varchar(255) NOT NULL,
    PRIMARY KEY (sequence_number, aggregate_identifier, type)
);

CREATE TABLE token_entry (
    segment        integer      NOT NULL,
    token          bytea,
    owner          varchar(255),
    processor_name varchar(255) NOT NULL,
    "timestamp"    varchar(255) NOT NULL,
    token_type     varchar(255),
    PRIMARY KEY (segment, processor_name)
);

CREATE TABLE saga_entry (
    saga_id         varchar(255) NOT NULL PRIMARY KEY,
    serialized_saga bytea,
    revision        varchar(255),
    saga_type       varchar(255)
);

CREATE SEQUENCE association_value_entry_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE association_value_entry (
    id                bigint       NOT NULL PRIMARY KEY,
    association_key   varchar(255) NOT NULL,
    association_value varchar(255),
    saga_id           varchar(255) NOT NULL,
    saga_type         varchar(255)
);
CREATE INDEX association_value_entry_saga_idx ON association_value_entry (saga_id, saga_type);
CREATE INDEX association_value_entry_lookup_idx ON association_value_entry (saga_type, association_key, association_value);

CREATE TABLE dead_letter_entry (
    dead_letter_id       varchar(255)             NOT NULL PRIMARY KEY,
    enqueued_at          timestamp(6) with time zone NOT NULL,
    last_touched         timestamp(6) with time zone,
    processing_started   timestamp(6) with time zone,
    sequence_index       bigint                   NOT NULL,
    sequence_number      bigint,
    cause_message        varchar(1023),
    diagnostics          bytea,
    meta_data            bytea,
    payload              bytea                    NOT NULL,
    token                bytea,
    aggregate_identifier varchar(255),
    cause_type           varchar(255),
    event_identifier     varchar(255)             NOT NULL,
    message_type         varchar(255)             NOT NULL,
    payload_revision     varchar(255),
    payload_type         varchar(255)             NOT NULL,
    processing_group     varchar(255)             NOT NULL,
    sequence_identifier  varchar(255)             NOT NULL,
    time_stamp           varchar(255)             NOT NULL,
    token_type           varchar(255),
    type                 varchar(255),
    CONSTRAINT dead_letter_entry_sequence_key UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group_idx ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence_idx ON dead_letter_entry (processing_group, sequence_identifier);
