-- Plans, subscriptions and their invoices (projections, written only by Axon event handlers), plus the
-- Stripe customers and saved payment methods of users (written by the API directly).

CREATE TABLE plans (
    id                varchar(64)              PRIMARY KEY,
    owner_id          varchar(128)             NOT NULL, -- 'platform' or the provider who sells it
    audience          varchar(16)              NOT NULL, -- PROVIDER_TIER | FAN | CONSUMER
    name              varchar(200)             NOT NULL,
    description       varchar(2000),
    price_amount      bigint                   NOT NULL,
    currency          char(3)                  NOT NULL,
    billing_interval  varchar(8)               NOT NULL,
    trial_days        int                      NOT NULL,
    benefits          varchar(4000)            NOT NULL, -- one benefit per line
    commission_bps    int,
    stripe_product_id varchar(255),
    stripe_price_id   varchar(255),
    archived          boolean                  NOT NULL DEFAULT false,
    created_at        timestamp with time zone NOT NULL,
    updated_at        timestamp with time zone NOT NULL
);
CREATE INDEX plans_audience_idx ON plans (audience, owner_id);

CREATE TABLE subscriptions (
    id                     varchar(64)              PRIMARY KEY,
    subscriber_id          varchar(128)             NOT NULL,
    provider_id            varchar(128),
    audience               varchar(16)              NOT NULL,
    plan_id                varchar(64)              NOT NULL,
    plan_name              varchar(200),
    price_amount           bigint                   NOT NULL,
    currency               char(3)                  NOT NULL,
    stripe_subscription_id varchar(255),
    status                 varchar(16)              NOT NULL,
    current_period_start   timestamp with time zone,
    current_period_end     timestamp with time zone,
    trial_end              timestamp with time zone,
    cancel_at_period_end   boolean                  NOT NULL DEFAULT false,
    grace_until            timestamp with time zone,
    cancel_reason          varchar(2000),
    canceled_at            timestamp with time zone,
    created_at             timestamp with time zone NOT NULL,
    updated_at             timestamp with time zone NOT NULL
);
CREATE INDEX subscriptions_subscriber_idx ON subscriptions (subscriber_id, status);
CREATE INDEX subscriptions_stripe_idx ON subscriptions (stripe_subscription_id);

CREATE TABLE subscription_invoices (
    id              varchar(255)             PRIMARY KEY, -- Stripe invoice id
    subscription_id varchar(64)              NOT NULL,
    subscriber_id   varchar(128)             NOT NULL,
    amount          bigint                   NOT NULL,
    currency        char(3)                  NOT NULL,
    status          varchar(16)              NOT NULL, -- paid | open (payment failed)
    period_start    timestamp with time zone,
    period_end      timestamp with time zone,
    failure_code    varchar(128),
    failure_message varchar(500),
    hosted_url      varchar(1000),
    pdf_url         varchar(1000),
    created_at      timestamp with time zone NOT NULL,
    updated_at      timestamp with time zone NOT NULL
);
CREATE INDEX subscription_invoices_subscriber_idx ON subscription_invoices (subscriber_id, created_at DESC, id DESC);

CREATE TABLE billing_customers (
    user_id            varchar(128)             PRIMARY KEY,
    stripe_customer_id varchar(255)             NOT NULL,
    created_at         timestamp with time zone NOT NULL
);

CREATE TABLE payment_methods (
    user_id    varchar(128)             NOT NULL,
    id         varchar(255)             NOT NULL, -- Stripe PaymentMethod id; never card numbers
    brand      varchar(32),
    last4      varchar(4),
    exp_month  int,
    exp_year   int,
    is_default boolean                  NOT NULL DEFAULT false,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (user_id, id)
);
