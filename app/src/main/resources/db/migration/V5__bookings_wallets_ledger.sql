-- Catalog (written by the API directly) and the booking, wallet, ledger and alert projections
-- (written only by Axon event handlers; rebuilt by replay). Amounts are minor units (cents).

CREATE TABLE offerings (
    id               varchar(64)              PRIMARY KEY,
    provider_id      varchar(128)             NOT NULL,
    title            varchar(200)             NOT NULL,
    description      varchar(2000),
    duration_minutes int                      NOT NULL,
    price_amount     bigint                   NOT NULL,
    currency         char(3)                  NOT NULL,
    active           boolean                  NOT NULL,
    created_at       timestamp with time zone NOT NULL
);
CREATE INDEX offerings_provider_idx ON offerings (provider_id, active);

CREATE TABLE bookings (
    id                  varchar(64)              PRIMARY KEY,
    customer_id         varchar(128)             NOT NULL,
    provider_id         varchar(128)             NOT NULL,
    offering_id         varchar(64)              NOT NULL,
    offering_title      varchar(200),
    status              varchar(32)              NOT NULL,
    amount              bigint                   NOT NULL,
    currency            char(3)                  NOT NULL,
    platform_fee        bigint                   NOT NULL,
    provider_amount     bigint                   NOT NULL,
    commission_bps      int                      NOT NULL,
    payment_source      varchar(16)              NOT NULL,
    payment_intent_id   varchar(255),
    checkout_session_id varchar(255),
    payment_status      varchar(32),
    failure_code        varchar(128),
    failure_reason      varchar(500),
    scheduled_at        timestamp with time zone NOT NULL,
    session_ends_at     timestamp with time zone NOT NULL,
    release_at          timestamp with time zone,
    paid_at             timestamp with time zone,
    released_at         timestamp with time zone,
    refunded_amount     bigint                   NOT NULL DEFAULT 0,
    dispute_reason      varchar(2000),
    notes               varchar(2000),
    created_at          timestamp with time zone NOT NULL,
    updated_at          timestamp with time zone NOT NULL
);
CREATE INDEX bookings_customer_idx ON bookings (customer_id, created_at DESC);
CREATE INDEX bookings_provider_idx ON bookings (provider_id, created_at DESC);
CREATE INDEX bookings_payment_intent_idx ON bookings (payment_intent_id);

CREATE TABLE credit_purchases (
    id                varchar(64)              PRIMARY KEY,
    customer_id       varchar(128)             NOT NULL,
    amount            bigint                   NOT NULL,
    currency          char(3)                  NOT NULL,
    payment_intent_id varchar(255),
    status            varchar(32)              NOT NULL,
    failure_code      varchar(128),
    created_at        timestamp with time zone NOT NULL,
    updated_at        timestamp with time zone NOT NULL
);
CREATE INDEX credit_purchases_payment_intent_idx ON credit_purchases (payment_intent_id);

CREATE TABLE wallet_balances (
    user_id             varchar(128) NOT NULL,
    currency            char(3)      NOT NULL,
    pending             bigint       NOT NULL DEFAULT 0,
    available           bigint       NOT NULL DEFAULT 0,
    reserved_for_payout bigint       NOT NULL DEFAULT 0,
    credits             bigint       NOT NULL DEFAULT 0,
    total_earned        bigint       NOT NULL DEFAULT 0,
    total_withdrawn     bigint       NOT NULL DEFAULT 0,
    updated_at          timestamp with time zone NOT NULL,
    PRIMARY KEY (user_id, currency)
);

-- one row per balance a wallet event changes (a release changes pending and available: two rows)
CREATE TABLE wallet_transactions (
    id             bigserial                PRIMARY KEY,
    event_id       varchar(255)             NOT NULL,
    user_id        varchar(128)             NOT NULL,
    currency       char(3)                  NOT NULL,
    type           varchar(32)              NOT NULL,
    balance        varchar(16)              NOT NULL, -- PENDING | AVAILABLE | CREDITS
    amount         bigint                   NOT NULL, -- signed change of that balance
    balance_before bigint                   NOT NULL,
    balance_after  bigint                   NOT NULL,
    reference      varchar(128)             NOT NULL, -- booking id or credit purchase id
    created_at     timestamp with time zone NOT NULL,
    CONSTRAINT wallet_transactions_event_balance_key UNIQUE (event_id, balance)
);
CREATE INDEX wallet_transactions_user_idx ON wallet_transactions (user_id, id DESC);

-- double-entry ledger: every money event posts lines that sum to zero; debit positive, credit negative
CREATE TABLE ledger_entries (
    id          bigserial                PRIMARY KEY,
    event_id    varchar(255)             NOT NULL,
    line        smallint                 NOT NULL,
    entry_type  varchar(40)              NOT NULL,
    account     varchar(255)             NOT NULL,
    currency    char(3)                  NOT NULL,
    amount      bigint                   NOT NULL,
    booking_id  varchar(64),
    reference   varchar(128),
    created_at  timestamp with time zone NOT NULL,
    CONSTRAINT ledger_entries_event_line_key UNIQUE (event_id, line)
);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account, currency);
CREATE INDEX ledger_entries_booking_idx ON ledger_entries (booking_id);

CREATE TABLE admin_alerts (
    id         bigserial                PRIMARY KEY,
    event_id   varchar(255)             NOT NULL UNIQUE,
    type       varchar(64)              NOT NULL,
    severity   varchar(16)              NOT NULL,
    message    varchar(2000)            NOT NULL,
    reference  varchar(128),
    created_at timestamp with time zone NOT NULL
);
