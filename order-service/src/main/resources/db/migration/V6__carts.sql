-- Carts: a shopper's (one per customer) and guest carts, which are found by the SHA-256 of
-- their id alone (the id itself is never stored, so a copy of this table opens no cart).
-- Every change bumps version, which clients see as the cart's ETag and send back as If-Match
-- on checkout. A cart counts as gone once it is older than its time to live since its last
-- change (bazaar.cart.guest-ttl, bazaar.cart.shopper-ttl); the retention sweep deletes such
-- carts later, their lines with them.
create table carts (
    id               uuid primary key,
    customer_id      uuid unique,
    guest_token_hash bytea unique,
    version          integer not null check (version >= 0),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    check ((customer_id is null) <> (guest_token_hash is null))
);

create index carts_guest_updated_idx on carts (updated_at) where guest_token_hash is not null;
create index carts_shopper_updated_idx on carts (updated_at) where customer_id is not null;

-- One line per product, shown in the order the lines were first added (place; setting a line's
-- quantity again keeps its place). added_* is the price when the shopper set the line (a notice
-- says when catalog's price moved since); seen_* and name are what catalog said last, shown while
-- catalog cannot be reached.
create table cart_lines (
    cart_id        uuid not null references carts (id) on delete cascade,
    place          bigint generated always as identity,
    product_id     uuid not null,
    quantity       integer not null check (quantity between 1 and 100),
    name           text not null,
    added_amount   bigint not null,
    added_currency char(3) not null,
    seen_amount    bigint not null,
    seen_currency  char(3) not null,
    added_at       timestamptz not null,
    primary key (cart_id, product_id)
);
