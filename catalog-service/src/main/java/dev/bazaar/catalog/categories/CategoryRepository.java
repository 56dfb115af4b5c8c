package dev.bazaar.catalog.categories;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CategoryRepository {

    private final JdbcClient jdbc;

    CategoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CategoryWithCount> findAllWithCounts() {
        return jdbc.sql("""
                select c.id, c.slug, c.name, c.description,
                       count(p.id) filter (where p.status = 'ACTIVE') as product_count
                from categories c left join products p on p.category_id = c.id
                group by c.id order by c.name""")
                .query((rs, n) -> new CategoryWithCount(
                        new Category(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                                rs.getString("description")),
                        rs.getLong("product_count")))
                .list();
    }

    public Optional<Category> findById(UUID id) {
        return jdbc.sql("select id, slug, name, description from categories where id = ?")
                .param(id)
                .query(Category.class)
                .optional();
    }

    public record CategoryWithCount(Category category, long productCount) {
    }
}
