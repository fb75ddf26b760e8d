-- Subscriptions: one live subscription per family enforced by a unique key, downgrades pending until the
-- period ends, refunds of invoices, the provider tier history (commission at invoice time), and the
-- reporting views that show subscription revenue.

-- One reservation per subscriber and family (PROVIDER_TIER, CONSUMER, FAN:<provider>), written by the API
-- before it creates the Stripe subscription: the primary key makes two concurrent subscribes of one family
-- impossible. A reservation whose subscription has ended (or never started) is taken over by the next one.
CREATE TABLE subscription_family_reservations (
    subscriber_id   varchar(128)             NOT NULL,
    family          varchar(160)             NOT NULL,
    subscription_id varchar(64)              NOT NULL,
    reserved_at     timestamp with time zone NOT NULL,
    PRIMARY KEY (subscriber_id, family)
);

-- A plan change scheduled for the end of the period (a downgrade): SubscriptionPlanChangeScheduled.
ALTER TABLE subscriptions
    ADD COLUMN pending_plan_id      varchar(64),
    ADD COLUMN pending_plan_name    varchar(200),
    ADD COLUMN pending_price_amount bigint,
    ADD COLUMN pending_effective_at timestamp with time zone;

-- Who an invoice's money concerns, and what of it was refunded.
ALTER TABLE subscription_invoices
    ADD COLUMN audience        varchar(16),
    ADD COLUMN provider_id     varchar(128),
    ADD COLUMN plan_id         varchar(64),
    ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0,
    ADD COLUMN paid_at         timestamp with time zone;

-- Each change of a provider's platform tier: the commission in force from effective_at on (NULL: back to
-- Free). Fan invoices are charged the rate in force when they were paid.
CREATE TABLE provider_tier_history (
    event_id        varchar(255)             PRIMARY KEY,
    provider_id     varchar(128)             NOT NULL,
    subscription_id varchar(64)              NOT NULL,
    plan_id         varchar(64),
    plan_name       varchar(200),
    commission_bps  int,
    effective_at    timestamp with time zone NOT NULL
);
CREATE INDEX provider_tier_history_idx ON provider_tier_history (provider_id, effective_at DESC);

-- Ledger lines keep the invoice they belong to (reference); plain columns are appended to views only.
CREATE OR REPLACE VIEW reporting.ledger_entries AS
SELECT id AS entry_id, event_id, line, entry_type, account, trim(currency) AS currency, amount, booking_id,
       created_at, reference
FROM public.ledger_entries;

CREATE OR REPLACE VIEW reporting.subscriptions AS
SELECT id AS subscription_id, subscriber_id, provider_id, audience, plan_id, plan_name, price_amount,
       trim(currency) AS currency, status, current_period_start, current_period_end, trial_end,
       cancel_at_period_end, grace_until, canceled_at, created_at, updated_at,
       pending_plan_id, pending_effective_at
FROM public.subscriptions;

CREATE OR REPLACE VIEW reporting.invoices AS
SELECT id AS invoice_id, subscription_id, subscriber_id, amount, trim(currency) AS currency, status,
       period_start, period_end, failure_code, created_at, updated_at,
       audience, provider_id, plan_id, refunded_amount, paid_at
FROM public.subscription_invoices;

-- The platform's income per UTC day, currency and source, from the ledger's platform accounts.
CREATE OR REPLACE VIEW reporting.platform_revenue_daily AS
SELECT (created_at AT TIME ZONE 'UTC')::date AS day, trim(currency) AS currency,
       CASE WHEN entry_type IN ('COMMISSION') THEN 'booking_commission'
            WHEN entry_type IN ('SUBSCRIPTION_REVENUE', 'SUBSCRIPTION_REVERSAL') THEN 'fan_commission'
            ELSE 'subscription_fees' END AS source,
       SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS earned,
       SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS refunded,
       -SUM(amount) AS net
FROM public.ledger_entries
WHERE account IN ('platform:revenue', 'platform:subscription-fees')
GROUP BY 1, 2, 3;

-- A provider's fan-subscription earnings per UTC day, from the ledger (credits less refund reversals).
CREATE OR REPLACE VIEW reporting.subscription_earnings_daily AS
SELECT split_part(p.account, ':', 2) AS provider_id, trim(l.currency) AS currency,
       (l.created_at AT TIME ZONE 'UTC')::date AS day,
       COUNT(DISTINCT l.event_id) FILTER (WHERE l.entry_type = 'SUBSCRIPTION_REVENUE') AS invoices_credited,
       COUNT(DISTINCT l.event_id) FILTER (WHERE l.entry_type = 'SUBSCRIPTION_REVERSAL') AS reversals,
       COALESCE(SUM(l.amount) FILTER (WHERE l.account = 'stripe:clearing'), 0) AS gross,
       COALESCE(-SUM(l.amount) FILTER (WHERE l.account = 'platform:revenue'), 0) AS commission,
       COALESCE(-SUM(l.amount) FILTER (WHERE l.account = p.account), 0) AS net
FROM public.ledger_entries l
JOIN public.ledger_entries p ON p.event_id = l.event_id AND p.line = 2
WHERE l.entry_type IN ('SUBSCRIPTION_REVENUE', 'SUBSCRIPTION_REVERSAL')
GROUP BY 1, 2, 3;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'settle_analyst') THEN
        GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO settle_analyst;
    END IF;
END
$$;

-- Live subscriptions from before this migration hold their family.
INSERT INTO subscription_family_reservations (subscriber_id, family, subscription_id, reserved_at)
SELECT DISTINCT ON (subscriber_id, CASE WHEN audience = 'FAN' THEN 'FAN:' || provider_id ELSE audience END)
       subscriber_id, CASE WHEN audience = 'FAN' THEN 'FAN:' || provider_id ELSE audience END, id, created_at
FROM subscriptions
WHERE status IN ('INCOMPLETE', 'TRIALING', 'ACTIVE', 'PAST_DUE')
ORDER BY subscriber_id, CASE WHEN audience = 'FAN' THEN 'FAN:' || provider_id ELSE audience END, created_at DESC
ON CONFLICT DO NOTHING;
