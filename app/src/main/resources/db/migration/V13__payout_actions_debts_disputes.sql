-- Admin payout actions, recoverable negative balances (debts) and Stripe disputes (chargebacks).
-- Projections only (written by Axon event handlers; rebuilt by replay).

-- the payout an admin retried this FAILED payout as (POST /api/v1/admin/payouts/{id}/retry)
ALTER TABLE payouts ADD COLUMN retried_by varchar(64);
CREATE INDEX payouts_status_idx ON payouts (status, requested_at DESC);

-- what a provider owes the platform after a refund or chargeback took back more than was available;
-- settled first from future earnings. available stays >= 0; wallet_transactions.balance gains DEBT.
ALTER TABLE wallet_balances ADD COLUMN debt bigint NOT NULL DEFAULT 0;

-- the latest Stripe dispute on the booking's charge (charge.dispute.created / closed)
ALTER TABLE bookings ADD COLUMN stripe_dispute_id varchar(255);
ALTER TABLE bookings ADD COLUMN stripe_dispute_status varchar(32);
ALTER TABLE bookings ADD COLUMN disputed_amount bigint;
