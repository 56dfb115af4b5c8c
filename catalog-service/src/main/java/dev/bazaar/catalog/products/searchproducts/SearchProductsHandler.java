package dev.bazaar.catalog.products.searchproducts;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.defaults.web.PageOf;

/**
 * Postgres full-text search (websearch syntax: quotes, OR, -word) ranked by ts_rank_cd
 * over name (weight A), brand (B) and description (C), with the filters as plain SQL.
 * Archived products are never listed.
 */
@Service
class SearchProductsHandler {

    private final JdbcClient jdbc;

    SearchProductsHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    PageOf<Product> search(SearchProducts query) {
        List<String> where = new ArrayList<>(List.of("p.status = 'ACTIVE'"));
        StringBuilder from = new StringBuilder("""
                from products p join categories c on c.id = p.category_id""");
        var params = new java.util.HashMap<String, Object>();
        if (query.hasText()) {
            from.append(", websearch_to_tsquery('english', :q) query");
            where.add("p.search @@ query");
            params.put("q", query.q());
        }
        if (query.category() != null) {
            where.add("c.slug = :category");
            params.put("category", query.category());
        }
        if (query.minPrice() != null) {
            where.add("p.price_amount >= :minPrice");
            params.put("minPrice", query.minPrice());
        }
        if (query.maxPrice() != null) {
            where.add("p.price_amount <= :maxPrice");
            params.put("maxPrice", query.maxPrice());
        }
        if (Boolean.TRUE.equals(query.inStock())) {
            where.add("p.stock_available > 0");
        }
        String filter = from + " where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*) " + filter).params(params).query(Long.class).single();

        int size = query.sizeOrDefault();
        params.put("limit", size);
        params.put("offset", (long) query.pageOrDefault() * size);
        String select = "select p.*, c.slug as category_slug, c.name as category_name, "
                + "c.description as category_description " + filter
                + " order by " + orderBy(query) + " limit :limit offset :offset";
        List<Product> items = jdbc.sql(select).params(params).query(ProductRepository::map).list();
        return PageOf.of(items, query.pageOrDefault(), size, total);
    }

    private static String orderBy(SearchProducts query) {
        String sort = query.sort() == null ? (query.hasText() ? "relevance" : "name") : query.sort();
        String[] parts = sort.split(",");
        boolean desc = parts.length > 1 ? parts[1].equals("desc") : parts[0].equals("relevance") || parts[0].equals("newest");
        String direction = desc ? " desc" : " asc";
        // the id breaks ties, so pages never overlap or skip a product
        return switch (parts[0]) {
            case "relevance" -> query.hasText()
                    ? "ts_rank_cd(p.search, query)" + direction + ", p.name asc, p.id"
                    : "p.name asc, p.id";
            case "price" -> "p.price_amount" + direction + ", p.id";
            case "newest" -> "p.created_at" + direction + ", p.id";
            default -> "lower(p.name)" + direction + ", p.id";
        };
    }
}
