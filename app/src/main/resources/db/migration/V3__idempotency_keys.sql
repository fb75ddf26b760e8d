-- Idempotency-Key header on creating POSTs: the first response per (user, key) is kept for 24 h.
CREATE TABLE idempotency_keys (
    user_id         varchar(128)             NOT NULL,
    idempotency_key varchar(255)             NOT NULL,
    request_hash    varchar(64)              NOT NULL,
    state           varchar(16)              NOT NULL, -- IN_PROGRESS | COMPLETED
    response_status int,
    response_type   varchar(255),
    response_body   bytea,
    created_at      timestamp with time zone NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
