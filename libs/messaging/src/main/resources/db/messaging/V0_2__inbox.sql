-- Events a consumer has applied; inserted in the same transaction as the effect, so a
-- redelivered event is recognised and skipped (libs/messaging, InboxListener).
CREATE TABLE inbox (
    consumer    text        NOT NULL,
    event_id    uuid        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
