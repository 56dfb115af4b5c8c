-- The login throttle counts failures per (account, client address) and holds back only that
-- pair, so that no one can lock a person out from elsewhere, nor lock everyone behind a shared
-- address. The per-account and per-address counts (and their locks) go.
drop table login_lockouts;
drop table login_failures;

-- account: the lower-cased email, known or not; address: an IPv4 address, or an IPv6 /64
create table login_failures (
    id        bigserial primary key,
    account   text not null,
    address   text not null,
    failed_at timestamptz not null default now()
);

create index login_failures_pair_idx on login_failures (account, address, failed_at);
create index login_failures_account_idx on login_failures (account, failed_at);

-- until when a pair's sign-ins are refused without looking at the password
create table login_holds (
    account    text not null,
    address    text not null,
    held_until timestamptz not null,
    primary key (account, address)
);

create index login_holds_until_idx on login_holds (held_until);
