-- One rule for SKUs: unique whatever their case, as they have always been compared.
-- SKUs stay stored as the admin gave them (shoppers see them so, and so they go out in
-- catalog.product.created); only their lower-case form must be unique. This unique index
-- also serves the case-insensitive lookup, and makes the plain one of V1 redundant.
--
-- Products that already differ only in case cannot be told apart by this rule, and which
-- one keeps its SKU is a business decision: the migration stops, naming them, and changes
-- nothing. Rename all but one of each group (e.g. update products set sku = ... where id = ...)
-- and start the service again.
do $$
declare
    collisions text;
begin
    select string_agg(skus, '; ' order by skus) into collisions
    from (select string_agg(sku || ' (' || id || ')', ', ' order by sku, id) as skus
          from products
          group by lower(sku)
          having count(*) > 1) groups;
    if collisions is not null then
        raise exception 'SKUs that differ only in case: %', collisions
            using hint = 'SKUs must be unique whatever their case: rename all but one product of each '
                      || 'group, then migrate again.';
    end if;
end
$$;

create unique index products_sku_lower_key on products (lower(sku));

alter table products drop constraint products_sku_key;
