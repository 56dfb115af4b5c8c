-- Stock moves out of products into a table of its own, so that the products area
-- (details, price, status) and the stock area (units and reservations) each own their
-- rows. The balance V1 states still holds, now on this table:
--   sum(stock_adjustments.delta) = stock.available + stock.reserved + stock.sold
--
-- version numbers stock's own events (catalog.stock.*); products.version keeps numbering
-- catalog.product.*. Both streams share the product id as aggregate id, so each starts
-- here from the one number they shared until now: every event already sent for a product
-- has a version at or below it, and each stream only grows from there.

create table stock (
    product_id uuid primary key references products (id),
    available  integer not null default 0 check (available >= 0),
    reserved   integer not null default 0 check (reserved >= 0),
    sold       integer not null default 0 check (sold >= 0),
    version    bigint not null default 1,
    updated_at timestamptz not null default now()
);

insert into stock (product_id, available, reserved, sold, version, updated_at)
select id, stock_available, stock_reserved, stock_sold, version, updated_at
from products;

alter table products
    drop column stock_available,
    drop column stock_reserved,
    drop column stock_sold;

-- What the products area may read of stock: units on sale now, for search's inStock
-- filter and for availability in product views. Stock's table stays its own to change.
create view available_stock as
select product_id, available
from stock;
