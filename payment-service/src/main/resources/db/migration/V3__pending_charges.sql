-- Charges are made outside the transaction that learns of the placement, so that a slow
-- processor holds nothing but its own order. PENDING payments are now committed and seen:
-- the placement stores the payment and its pending charge; a charge worker of any instance
-- claims the charge (SKIP LOCKED, then a lease), writes charge_attempts in the same claim,
-- calls the processor with no lock held, and records the outcome, deleting the row.
--
-- A row lives only while a charge is to be made or its outcome is unknown: a worker that
-- dies mid-call leaves it leased; once the lease runs out another worker asks the processor
-- again with the same idempotency key and gets the first answer, never a second charge.
-- The payment token stays here only that long.

create table pending_charges (
    order_id      uuid primary key references payments (order_id) on delete cascade,
    payment_token text not null,
    available_at  timestamptz not null default now(),   -- claimable from then on: a lease's end or a retry's backoff
    claims        integer not null default 0,           -- how often it was claimed; fences a worker whose lease ran out
    claimed_by    text,                                 -- the instance that claimed it last, for support
    traceparent   text,                                 -- the placement's trace: the charge and its outcome event join it
    tracestate    text,
    created_at    timestamptz not null default now()
);

create index pending_charges_available_idx on pending_charges (available_at);
