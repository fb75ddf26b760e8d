-- Stripe webhook inbox: every verified event once, keyed by Stripe's event id, processed asynchronously.
-- payload is the raw body exactly as signed (text, not jsonb, so it stays byte-for-byte verifiable);
-- analysts can still query it with payload::jsonb.
CREATE TABLE stripe_webhook_inbox (
    event_id        varchar(255)             NOT NULL PRIMARY KEY,
    endpoint        varchar(16)              NOT NULL, -- payments | connect
    type            varchar(255)             NOT NULL,
    account         varchar(255),                      -- connected account of Connect events
    livemode        boolean                  NOT NULL,
    payload         text                     NOT NULL,
    status          varchar(16)              NOT NULL, -- RECEIVED | PROCESSING | PROCESSED | IGNORED | RETRY | FAILED
    attempts        int                      NOT NULL DEFAULT 0,
    last_error      varchar(1000),
    received_at     timestamp with time zone NOT NULL,
    processed_at    timestamp with time zone,
    next_attempt_at timestamp with time zone,
    claimed_at      timestamp with time zone,          -- when the current PROCESSING claim was taken
    claim_token     uuid,                              -- only the claim holder may record the outcome
    CONSTRAINT stripe_webhook_inbox_endpoint_chk CHECK (endpoint IN ('payments', 'connect')),
    CONSTRAINT stripe_webhook_inbox_status_chk
        CHECK (status IN ('RECEIVED', 'PROCESSING', 'PROCESSED', 'IGNORED', 'RETRY', 'FAILED'))
);
-- the sweeper's question: what is due (or stuck) now?
CREATE INDEX stripe_webhook_inbox_due_idx ON stripe_webhook_inbox (next_attempt_at)
    WHERE status IN ('RECEIVED', 'RETRY');
CREATE INDEX stripe_webhook_inbox_processing_idx ON stripe_webhook_inbox (claimed_at)
    WHERE status = 'PROCESSING';
CREATE INDEX stripe_webhook_inbox_status_received_idx ON stripe_webhook_inbox (status, received_at DESC);
