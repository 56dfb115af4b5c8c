create table orders (
    id uuid primary key,
    status text not null
);

create table order_lines (
    order_id uuid not null references orders (id),
    sku text not null
);

create table stock (
    sku text primary key,
    available int not null
);
