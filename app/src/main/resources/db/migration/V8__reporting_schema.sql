-- The analysts' contract: stable views in schema "reporting" (documented in docs/reporting.md) and a
-- read-only role that can SELECT them and nothing else. Views run with their owner's rights, so the role
-- needs no access to the event store, the webhook inbox or any projection table behind them.

CREATE SCHEMA IF NOT EXISTS reporting;

CREATE OR REPLACE VIEW reporting.bookings AS
SELECT id AS booking_id, customer_id, provider_id, offering_id, offering_title, status,
       amount, platform_fee, provider_amount, refunded_amount, trim(currency) AS currency, commission_bps,
       payment_source, payment_intent_id, scheduled_at, session_ends_at, paid_at, release_at, released_at,
       created_at, updated_at
FROM public.bookings;

CREATE OR REPLACE VIEW reporting.ledger_entries AS
SELECT id AS entry_id, event_id, line, entry_type, account, trim(currency) AS currency, amount, booking_id,
       created_at
FROM public.ledger_entries;

CREATE OR REPLACE VIEW reporting.wallet_balances AS
SELECT user_id, trim(currency) AS currency, pending, available, reserved_for_payout, credits, total_earned,
       total_withdrawn, updated_at
FROM public.wallet_balances;

CREATE OR REPLACE VIEW reporting.wallet_transactions AS
SELECT id AS transaction_id, event_id, user_id, trim(currency) AS currency, type, balance, amount,
       balance_before, balance_after, reference, created_at
FROM public.wallet_transactions;

CREATE OR REPLACE VIEW reporting.earnings_daily AS
SELECT provider_id, trim(currency) AS currency, (released_at AT TIME ZONE 'UTC')::date AS day,
       COUNT(*) AS bookings_released, SUM(amount - refunded_amount) AS gross, SUM(platform_fee) AS commission,
       SUM(provider_amount) AS net
FROM public.bookings
WHERE released_at IS NOT NULL
GROUP BY provider_id, currency, (released_at AT TIME ZONE 'UTC')::date;

CREATE OR REPLACE VIEW reporting.payouts AS
SELECT id AS payout_id, user_id AS provider_id, account_id, amount, trim(currency) AS currency, status,
       transfer_id, stripe_payout_id, failure_code, failure_reason, attempts, requested_at, updated_at
FROM public.payouts;

CREATE OR REPLACE VIEW reporting.subscriptions AS
SELECT id AS subscription_id, subscriber_id, provider_id, audience, plan_id, plan_name, price_amount,
       trim(currency) AS currency, status, current_period_start, current_period_end, trial_end,
       cancel_at_period_end, grace_until, canceled_at, created_at, updated_at
FROM public.subscriptions;

CREATE OR REPLACE VIEW reporting.invoices AS
SELECT id AS invoice_id, subscription_id, subscriber_id, amount, trim(currency) AS currency, status,
       period_start, period_end, failure_code, created_at, updated_at
FROM public.subscription_invoices;

-- Roles are cluster-wide and need CREATEROLE: create the role once, and carry on without it where the
-- migrating user may not create roles (a DBA then runs docs/reporting.md's statements by hand).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'settle_analyst') THEN
        CREATE ROLE settle_analyst NOLOGIN;
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'settle_analyst not created: the migrating user lacks CREATEROLE';
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'settle_analyst') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO settle_analyst', current_database());
        GRANT USAGE ON SCHEMA reporting TO settle_analyst;
        GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO settle_analyst;
    END IF;
END
$$;
