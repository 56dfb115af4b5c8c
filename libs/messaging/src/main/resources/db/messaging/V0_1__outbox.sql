-- Events written in the same transaction as the change they describe; the relay publishes
-- them after commit (libs/messaging, OutboxRelay).
CREATE TABLE outbox (
    id              bigserial   PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    type            text        NOT NULL,
    aggregate_id    text        NOT NULL,
    version         bigint      NOT NULL,
    payload         jsonb       NOT NULL,            -- the whole envelope, as published
    traceparent     text,                            -- W3C trace context of the writing transaction
    tracestate      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,  -- failed publish attempts
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text
);

-- The relay only ever looks at unpublished rows: partial indexes stay small as history grows.
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_unpublished_by_aggregate ON outbox (aggregate_id, id) WHERE published_at IS NULL;
