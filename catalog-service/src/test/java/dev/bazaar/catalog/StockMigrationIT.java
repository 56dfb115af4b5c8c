package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.bazaar.testsupport.TestPostgres;

/** A database from before stock had a table of its own keeps every product's units and version. */
class StockMigrationIT {

    private final TestPostgres.Database database = TestPostgres.newDatabase("catalog_migration");
    private final DriverManagerDataSource dataSource =
            new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @AfterEach
    void dropDatabase() {
        TestPostgres.drop(database);
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load();
    }

    @Test
    void movingStockOutOfProductsKeepsEveryProductsUnits() {
        flyway("1").migrate();
        UUID category = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        jdbc.sql("insert into categories (id, slug, name) values (?, 'kettles', 'Kettles')").param(category).update();
        jdbc.sql("""
                insert into products (id, sku, name, category_id, price_amount, currency,
                                      stock_available, stock_reserved, stock_sold, version)
                values (?, 'KTL-0001', 'Kettle', ?, 2599, 'EUR', 7, 2, 3, 9)""")
                .params(product, category).update();

        flyway("latest").migrate();

        assertThat(jdbc.sql("select available, reserved, sold, version from stock where product_id = ?")
                .param(product).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)})
                .single()).containsExactly(7, 2, 3, 9);
        assertThat(jdbc.sql("select available from available_stock where product_id = ?").param(product)
                .query(Integer.class).single()).isEqualTo(7);
        assertThat(jdbc.sql("select version from products where id = ?").param(product).query(Long.class).single())
                .isEqualTo(9);
        assertThat(jdbc.sql("select count(*) from information_schema.columns "
                + "where table_name = 'products' and column_name like 'stock_%'").query(Long.class).single())
                .isZero();
    }
}
