-- Payments: one row per order (unique order_id), whoever comes first for the order, its
-- placement or its cancellation, creates it; the other then works on it under a row lock.
--   PENDING -> CAPTURED -> REFUNDED, PENDING -> FAILED   (placement first)
--   CANCELLED                                            (cancellation first: nothing is charged)
-- PENDING is never committed: the charge and its outcome share one transaction.

create table payments (
    id                 uuid primary key,
    order_id           uuid not null unique,
    customer_id        uuid not null,
    amount             bigint check (amount >= 0),      -- minor units; null only while a
    currency           char(3),                         -- cancellation is known and the placement not yet
    status             text not null check (status in ('PENDING', 'CAPTURED', 'FAILED', 'REFUNDED', 'CANCELLED')),
    failure_reason     text,
    provider_reference text,                            -- the charge at the processor
    refund_reference   text,                            -- the refund at the processor
    version            bigint not null default 0,       -- orders this payment's events
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    check ((amount is null) = (currency is null)),
    check (status = 'CANCELLED' or amount is not null)
);

create index payments_customer_idx on payments (customer_id, created_at desc);

-- Orders for which a charge was sent to the processor, written in a transaction of its own
-- before the call. If the charging transaction then fails to commit (a crash) and the
-- order's cancellation is handled before the placement is redelivered, this row tells the
-- redelivery that money may have moved and must be settled, not forgotten.
create table charge_attempts (
    order_id     uuid primary key,
    attempted_at timestamptz not null default now()
);
