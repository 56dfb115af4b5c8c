package dev.bazaar.catalog.products;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.bazaar.catalog.categories.Category;
import dev.bazaar.catalog.stock.Stock;
import dev.bazaar.defaults.money.Money;

/** Products and their current stock, read and written with plain SQL. */
@Repository
public class ProductRepository {

    static final String SELECT = """
            select p.*, c.slug as category_slug, c.name as category_name, c.description as category_description
            from products p join categories c on c.id = p.category_id
            """;

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Product> findById(UUID id) {
        return jdbc.sql(SELECT + " where p.id = ?").param(id).query(ProductRepository::map).optional();
    }

    public Product get(UUID id) {
        return findById(id).orElseThrow(() -> new ProductNotFound(id));
    }

    public List<Product> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where p.id in (:ids)").param("ids", ids).query(ProductRepository::map).list();
    }

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
        return jdbc.sql(SELECT + " where p.id = ? for update of p").param(id).query(ProductRepository::map).optional();
    }

    public static Product map(ResultSet rs, int row) throws SQLException {
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
                new Stock(rs.getInt("stock_available"), rs.getInt("stock_reserved"), rs.getInt("stock_sold")),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
