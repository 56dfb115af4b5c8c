-- Orders are event-sourced: order_events is the truth, append-only, one stream per
-- order with optimistic concurrency on (order_id, version). orders is a projection of
-- it, updated in the same transaction, for lists and the payment timeout.

create table order_events (
    order_id    uuid not null,
    version     integer not null check (version > 0),
    type        text not null,
    payload     jsonb not null,
    occurred_at timestamptz not null,
    primary key (order_id, version)
);

create table orders (
    id              uuid primary key,
    customer_id     uuid not null,
    status          text not null check (status in ('AWAITING_PAYMENT', 'CONFIRMED', 'CANCELLED')),
    total_amount    bigint not null,
    currency        char(3) not null,
    item_count      integer not null,
    cancel_reason   text,
    placed_at       timestamptz not null,
    updated_at      timestamptz not null,
    version         integer not null
);

create index orders_customer_idx on orders (customer_id, placed_at desc, id);
create index orders_awaiting_idx on orders (placed_at) where status = 'AWAITING_PAYMENT';

-- One row per (customer, Idempotency-Key): the first request's fingerprint and, once it
-- is answered, its response, so a replay gets exactly that answer.
create table idempotency_keys (
    customer_id     uuid not null,
    idempotency_key text not null,
    request_hash    text not null,
    order_id        uuid not null,
    state           text not null check (state in ('IN_PROGRESS', 'COMPLETED')),
    response_status integer,
    response_body   text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (customer_id, idempotency_key)
);

create index idempotency_in_progress_idx on idempotency_keys (created_at) where state = 'IN_PROGRESS';
