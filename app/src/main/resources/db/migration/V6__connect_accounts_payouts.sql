-- Stripe Connect accounts and payouts (projections written only by Axon event handlers; rebuilt by replay).
-- Payout reservations reuse wallet_balances.reserved_for_payout / total_withdrawn; wallet_transactions.balance
-- gains the value RESERVED.

CREATE TABLE connect_accounts (
    provider_id       varchar(128)             PRIMARY KEY,
    account_id        varchar(255)             NOT NULL UNIQUE,
    status            varchar(16)              NOT NULL, -- ONBOARDING | RESTRICTED | ENABLED
    country           varchar(2),
    email             varchar(320),
    charges_enabled   boolean                  NOT NULL DEFAULT false,
    payouts_enabled   boolean                  NOT NULL DEFAULT false,
    details_submitted boolean                  NOT NULL DEFAULT false,
    currently_due     text                     NOT NULL DEFAULT '', -- comma-separated requirement names
    past_due          text                     NOT NULL DEFAULT '',
    disabled_reason   varchar(255),
    created_at        timestamp with time zone NOT NULL,
    updated_at        timestamp with time zone NOT NULL
);

CREATE TABLE payouts (
    id               varchar(64)              PRIMARY KEY,
    user_id          varchar(128)             NOT NULL,
    account_id       varchar(255)             NOT NULL,
    amount           bigint                   NOT NULL,
    currency         char(3)                  NOT NULL,
    status           varchar(16)              NOT NULL, -- REQUESTED | TRANSFERRED | IN_TRANSIT | PAID | FAILED
    transfer_id      varchar(255),
    stripe_payout_id varchar(255),
    failure_code     varchar(128),
    failure_reason   varchar(2000),
    attempts         int                      NOT NULL DEFAULT 0,
    requested_at     timestamp with time zone NOT NULL,
    updated_at       timestamp with time zone NOT NULL
);
CREATE INDEX payouts_user_idx ON payouts (user_id, requested_at DESC);
