-- no unique constraint on purpose: a duplicate application must be visible to the test
CREATE TABLE applied_event (
    id           bigserial PRIMARY KEY,
    handler      text   NOT NULL,
    event_id     uuid   NOT NULL,
    aggregate_id text   NOT NULL,
    version      bigint NOT NULL,
    note         text
);
