package dev.bazaar.catalog.products;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.bazaar.catalog.categories.Category;
import dev.bazaar.defaults.money.Money;
import dev.bazaar.defaults.web.PageOf;

/**
 * The products area's table, read and written with plain SQL. Stock is not ours: what
 * shoppers see of it comes from the stock area's {@code available_stock} view, never
 * from its tables.
 */
@Repository
public class ProductRepository {

    private static final String SELECT = """
            select p.*, c.slug as category_slug, c.name as category_name, c.description as category_description,
                   coalesce(s.available, 0) as available
            """;

    private static final String FROM = """
            from products p join category_labels c on c.id = p.category_id
                 left join available_stock s on s.product_id = p.id
            """;

    /** What a shopper searches for; {@code sort} is relevance, name, price or newest. */
    public record Search(String text, String categorySlug, Long minPrice, Long maxPrice, boolean inStockOnly,
            String sort, boolean descending, int page, int size) {

        boolean hasText() {
            return text != null && !text.isBlank();
        }
    }

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Product> findById(UUID id) {
        return jdbc.sql(SELECT + FROM + " where p.id = ?").param(id).query(ProductRepository::map).optional();
    }

    public Product get(UUID id) {
        return findById(id).orElseThrow(() -> new ProductNotFound(id));
    }

    public List<Product> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + FROM + " where p.id in (:ids)").param("ids", ids).query(ProductRepository::map).list();
    }

    /** SKUs are stored as given and unique whatever their case (index products_sku_lower_key). */
    public boolean skuTaken(String sku) {
        return jdbc.sql("select exists (select 1 from products where lower(sku) = lower(?))")
                .param(sku).query(Boolean.class).single();
    }

    public void insert(UUID id, String sku, String name, String description, String brand, UUID categoryId,
            Money price, String imageUrl) {
        jdbc.sql("""
                insert into products (id, sku, name, description, brand, category_id, price_amount, currency, image_url)
                values (:id, :sku, :name, :description, :brand, :categoryId, :amount, :currency, :imageUrl)""")
                .param("id", id).param("sku", sku).param("name", name).param("description", description)
                .param("brand", brand).param("categoryId", categoryId).param("amount", price.amount())
                .param("currency", price.currency()).param("imageUrl", imageUrl)
                .update();
    }

    /** Applies a change to a product's details and returns its new version, or empty if unknown. */
    public Optional<Long> updateDetails(UUID id, String name, String description, String brand, UUID categoryId,
            String imageUrl) {
        return jdbc.sql("""
                update products set name = :name, description = :description, brand = :brand,
                       category_id = :categoryId, image_url = :imageUrl, version = version + 1, updated_at = now()
                where id = :id returning version""")
                .param("id", id).param("name", name).param("description", description).param("brand", brand)
                .param("categoryId", categoryId).param("imageUrl", imageUrl)
                .query(Long.class).optional();
    }

    public Optional<Long> updatePrice(UUID id, Money price) {
        return jdbc.sql("""
                update products set price_amount = :amount, currency = :currency, version = version + 1,
                       updated_at = now()
                where id = :id returning version""")
                .param("id", id).param("amount", price.amount()).param("currency", price.currency())
                .query(Long.class).optional();
    }

    /** Archives an active product; empty when it was unknown or archived already. */
    public Optional<Long> archive(UUID id) {
        return jdbc.sql("""
                update products set status = 'ARCHIVED', version = version + 1, updated_at = now()
                where id = :id and status = 'ACTIVE' returning version""")
                .param("id", id).query(Long.class).optional();
    }

    public Optional<Product> lock(UUID id) {
        return jdbc.sql(SELECT + FROM + " where p.id = ? for update of p").param(id).query(ProductRepository::map)
                .optional();
    }

    /**
     * Reads these products and keeps them as they are (no archive, no new price) until the
     * transaction ends; callers holding them at once never wait on each other.
     */
    public List<Product> holdAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + FROM + " where p.id in (:ids) for share of p").param("ids", ids)
                .query(ProductRepository::map).list();
    }

    /** Products on sale per category id; categories without any are absent. */
    public Map<UUID, Long> countOnSaleByCategory() {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("select category_id, count(*) from products where status = 'ACTIVE' group by category_id")
                .query(rs -> {
                    counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return counts;
    }

    /**
     * Postgres full-text search (websearch syntax: quotes, OR, -word) ranked by ts_rank_cd
     * over name (weight A), brand (B) and description (C), with the filters as plain SQL.
     * Archived products are never listed.
     */
    public PageOf<Product> search(Search search) {
        List<String> where = new ArrayList<>(List.of("p.status = 'ACTIVE'"));
        StringBuilder from = new StringBuilder(FROM);
        Map<String, Object> params = new HashMap<>();
        if (search.hasText()) {
            from.append(", websearch_to_tsquery('english', :q) query");
            where.add("p.search @@ query");
            params.put("q", search.text());
        }
        if (search.categorySlug() != null) {
            where.add("c.slug = :category");
            params.put("category", search.categorySlug());
        }
        if (search.minPrice() != null) {
            where.add("p.price_amount >= :minPrice");
            params.put("minPrice", search.minPrice());
        }
        if (search.maxPrice() != null) {
            where.add("p.price_amount <= :maxPrice");
            params.put("maxPrice", search.maxPrice());
        }
        if (search.inStockOnly()) {
            where.add("s.available > 0");
        }
        String filter = from + " where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*) " + filter).params(params).query(Long.class).single();

        params.put("limit", search.size());
        params.put("offset", (long) search.page() * search.size());
        List<Product> items = jdbc.sql(SELECT + filter + " order by " + orderBy(search)
                        + " limit :limit offset :offset")
                .params(params).query(ProductRepository::map).list();
        return PageOf.of(items, search.page(), search.size(), total);
    }

    private static String orderBy(Search search) {
        String direction = search.descending() ? " desc" : " asc";
        // the id breaks ties, so pages never overlap or skip a product
        return switch (search.sort()) {
            case "relevance" -> search.hasText()
                    ? "ts_rank_cd(p.search, query)" + direction + ", p.name asc, p.id"
                    : "p.name asc, p.id";
            case "price" -> "p.price_amount" + direction + ", p.id";
            case "newest" -> "p.created_at" + direction + ", p.id";
            default -> "lower(p.name)" + direction + ", p.id";
        };
    }

    private static Product map(ResultSet rs, int row) throws SQLException {
        return new Product(
                rs.getObject("id", UUID.class),
                rs.getString("sku"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("brand"),
                new Category(rs.getObject("category_id", UUID.class), rs.getString("category_slug"),
                        rs.getString("category_name"), rs.getString("category_description")),
                Money.of(rs.getLong("price_amount"), rs.getString("currency")),
                rs.getString("image_url"),
                ProductStatus.valueOf(rs.getString("status")),
                rs.getInt("available"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
