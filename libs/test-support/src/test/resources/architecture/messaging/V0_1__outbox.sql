create table if not exists outbox (
    id bigserial primary key,
    event jsonb not null
);

create table if not exists inbox (
    event_id uuid primary key
);
