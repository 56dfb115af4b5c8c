-- Catalog: categories, products with their price and stock, and stock reservations
-- per order. Stock is kept in three buckets so that for every product
--   sum(stock_adjustments.delta) = stock_available + stock_reserved + stock_sold
-- holds at all times (the load-test audit checks it).

create table categories (
    id          uuid primary key,
    slug        text not null unique check (slug ~ '^[a-z0-9-]{1,60}$'),
    name        text not null,
    description text not null default ''
);

create table products (
    id              uuid primary key,
    sku             text not null unique,
    name            text not null,
    description     text not null default '',
    brand           text not null default '',
    category_id     uuid not null references categories (id),
    price_amount    bigint not null check (price_amount >= 0),
    currency        char(3) not null,
    image_url       text,
    status          text not null default 'ACTIVE' check (status in ('ACTIVE', 'ARCHIVED')),
    stock_available integer not null default 0 check (stock_available >= 0),
    stock_reserved  integer not null default 0 check (stock_reserved >= 0),
    stock_sold      integer not null default 0 check (stock_sold >= 0),
    version         bigint not null default 1,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    search          tsvector generated always as (
                        setweight(to_tsvector('english', name), 'A')
                     || setweight(to_tsvector('english', brand), 'B')
                     || setweight(to_tsvector('english', description), 'C')) stored
);

create index products_search_idx on products using gin (search);
create index products_category_idx on products (category_id);
create index products_price_idx on products (price_amount);
create index products_created_idx on products (created_at desc);

-- every change of stock by hand, the initial stock included
create table stock_adjustments (
    id          bigserial primary key,
    product_id  uuid not null references products (id),
    delta       integer not null,
    reason      text not null,
    adjusted_by text not null,
    created_at  timestamptz not null default now()
);

create index stock_adjustments_product_idx on stock_adjustments (product_id);

-- one row per order: RESERVED -> COMMITTED (paid) or RELEASED (cancelled).
-- A release for an unknown order leaves a RELEASED row so a late reserve is refused.
create table reservations (
    order_id   uuid primary key,
    status     text not null check (status in ('PENDING', 'RESERVED', 'COMMITTED', 'RELEASED')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table reservation_lines (
    order_id   uuid not null references reservations (order_id),
    product_id uuid not null references products (id),
    quantity   integer not null check (quantity > 0),
    primary key (order_id, product_id)
);
