-- What the products area may read of categories: how a product's category is shown in
-- product views and matched by search's category filter. The categories table stays the
-- categories area's own to change.
create view category_labels as
select id, slug, name, description
from categories;
