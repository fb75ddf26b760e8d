-- Outgoing webhooks to the marketplace app: registered endpoints, one delivery per (endpoint, event), and a
-- log of every attempt. Deliveries are written by the "outgoing-webhooks" tracking processor in the same
-- transaction as its token and sent by a db-scheduler task (claims with FOR UPDATE SKIP LOCKED).
CREATE TABLE outgoing_webhook_endpoints (
    id         varchar(64)              PRIMARY KEY,
    url        varchar(2048)            NOT NULL,
    events     text[]                   NOT NULL,
    secret     varchar(128)             NOT NULL,
    enabled    boolean                  NOT NULL DEFAULT true,
    created_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone
);

CREATE TABLE outgoing_webhook_deliveries (
    id               varchar(64)              PRIMARY KEY,
    endpoint_id      varchar(64)              NOT NULL REFERENCES outgoing_webhook_endpoints (id),
    -- the public event id (evt_…), derived from the Axon event id: the receiver's idempotency key
    event_id         varchar(255)             NOT NULL,
    event_type       varchar(64)              NOT NULL,
    payload          text                     NOT NULL,
    -- PENDING → SENDING (claimed) → DELIVERED | PENDING (retry) | FAILED (3 days of retries) | CANCELED
    status           varchar(16)              NOT NULL,
    attempts         int                      NOT NULL DEFAULT 0,
    first_attempt_at timestamp with time zone,
    next_attempt_at  timestamp with time zone NOT NULL,
    claimed_at       timestamp with time zone,
    claim_token      uuid,
    last_status_code int,
    last_error       varchar(1000),
    created_at       timestamp with time zone NOT NULL,
    delivered_at     timestamp with time zone,
    CONSTRAINT outgoing_webhook_deliveries_endpoint_event_key UNIQUE (endpoint_id, event_id),
    CONSTRAINT outgoing_webhook_deliveries_status_check
        CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'CANCELED'))
);
CREATE INDEX outgoing_webhook_deliveries_due_idx ON outgoing_webhook_deliveries (next_attempt_at)
    WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX outgoing_webhook_deliveries_endpoint_idx ON outgoing_webhook_deliveries (endpoint_id, created_at DESC);

CREATE TABLE outgoing_webhook_attempts (
    id           bigserial                PRIMARY KEY,
    delivery_id  varchar(64)              NOT NULL REFERENCES outgoing_webhook_deliveries (id),
    attempt      int                      NOT NULL,
    attempted_at timestamp with time zone NOT NULL,
    status_code  int,
    error        varchar(1000),
    duration_ms  bigint                   NOT NULL
);
CREATE INDEX outgoing_webhook_attempts_delivery_idx ON outgoing_webhook_attempts (delivery_id, id);
