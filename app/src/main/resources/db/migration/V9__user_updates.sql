-- The live-update log behind GET /api/v1/events/stream: one row per change a user should hear about. Its
-- id is the Server-Sent Event id, so a client reconnecting with Last-Event-ID gets exactly what it missed.
CREATE TABLE user_updates (
    id         bigserial                PRIMARY KEY,
    event_id   varchar(255)             NOT NULL,
    user_id    varchar(128)             NOT NULL,
    type       varchar(32)              NOT NULL,
    reference  varchar(128)             NOT NULL,
    status     varchar(32),
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT user_updates_event_user_key UNIQUE (event_id, user_id, type)
);
CREATE INDEX user_updates_user_idx ON user_updates (user_id, id);

-- who takes part in each booking, so events naming only the booking reach both parties
CREATE TABLE user_update_booking_parties (
    booking_id  varchar(64)  PRIMARY KEY,
    customer_id varchar(128) NOT NULL,
    provider_id varchar(128) NOT NULL
);

CREATE TABLE user_update_subscribers (
    subscription_id varchar(64)  PRIMARY KEY,
    subscriber_id   varchar(128) NOT NULL
);
