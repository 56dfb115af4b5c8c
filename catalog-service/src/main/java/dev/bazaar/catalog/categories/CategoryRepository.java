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

    public List<Category> findAll() {
        return jdbc.sql("select id, slug, name, description from categories order by name")
                .query(Category.class)
                .list();
    }

    public Optional<Category> findById(UUID id) {
        return jdbc.sql("select id, slug, name, description from categories where id = ?")
                .param(id)
                .query(Category.class)
                .optional();
    }
}
