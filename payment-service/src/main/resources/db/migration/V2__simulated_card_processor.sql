-- The books of the simulated card processor (bazaar.payment.provider=simulated): what a
-- real processor keeps on its side. Keyed by idempotency key, so a repeated request gets
-- the first answer and never moves money twice. Only that processor reads these tables.

create table simulated_card_charges (
    idempotency_key text primary key,
    reference       text not null unique,               -- ch_...
    amount          bigint not null check (amount >= 0),
    currency        char(3) not null,
    outcome         text not null check (outcome in ('CAPTURED', 'DECLINED')),
    decline_reason  text,
    created_at      timestamptz not null default now()
);

create table simulated_card_refunds (
    idempotency_key  text primary key,
    reference        text not null unique,              -- re_...
    charge_reference text not null references simulated_card_charges (reference),
    amount           bigint not null check (amount >= 0),
    currency         char(3) not null,
    created_at       timestamptz not null default now()
);

create index simulated_card_refunds_charge_idx on simulated_card_refunds (charge_reference);
