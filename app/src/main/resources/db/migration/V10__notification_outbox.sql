-- Email notifications: a transactional outbox. The "notifications" tracking processor inserts rows in the
-- same transaction that advances its token, so an event is turned into mail exactly once; a db-scheduler
-- task sends PENDING rows (claimed with FOR UPDATE SKIP LOCKED), retries with backoff and marks them SENT.
CREATE TABLE notification_outbox (
    id              bigserial                PRIMARY KEY,
    -- <event id>:<type>:<recipient>: a handler that runs twice for one event inserts once
    dedup_key       varchar(400)             NOT NULL UNIQUE,
    event_id        varchar(255)             NOT NULL,
    type            varchar(64)              NOT NULL,
    -- the user the mail is for (user id), or 'admin:<address>' for operator alerts
    recipient       varchar(400)             NOT NULL,
    -- resolved when the row is written if known, otherwise when it is sent
    email           varchar(320),
    locale          varchar(35)              NOT NULL,
    time_zone       varchar(64)              NOT NULL,
    subject         varchar(500)             NOT NULL,
    text_body       text                     NOT NULL,
    html_body       text                     NOT NULL,
    -- PENDING → SENDING (claimed) → SENT | PENDING (retry) | FAILED (attempts exhausted) | SKIPPED (no address)
    status          varchar(16)              NOT NULL,
    attempts        int                      NOT NULL DEFAULT 0,
    next_attempt_at timestamp with time zone NOT NULL,
    claimed_at      timestamp with time zone,
    claim_token     uuid,
    last_error      varchar(1000),
    created_at      timestamp with time zone NOT NULL,
    sent_at         timestamp with time zone,
    CONSTRAINT notification_outbox_status_check
        CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED'))
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX notification_outbox_created_idx ON notification_outbox (created_at DESC, id DESC);

-- Where to reach a user: captured from the standard OIDC claims (email, locale, zoneinfo) of the bearer
-- tokens the marketplace's identity provider issues, on the user's authenticated requests.
CREATE TABLE user_contacts (
    user_id    varchar(128)             PRIMARY KEY,
    email      varchar(320),
    locale     varchar(35),
    time_zone  varchar(64),
    updated_at timestamp with time zone NOT NULL
);
