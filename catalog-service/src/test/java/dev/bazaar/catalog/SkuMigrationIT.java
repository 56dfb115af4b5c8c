package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.bazaar.testsupport.TestPostgres;

/** SKUs become unique whatever their case, on a database that already holds products. */
class SkuMigrationIT {

    private final TestPostgres.Database database = TestPostgres.newDatabase("catalog_sku_migration");
    private final DriverManagerDataSource dataSource =
            new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final UUID category = UUID.randomUUID();

    @BeforeEach
    void databaseFromBeforeTheRule() {
        flyway("3").migrate();
        jdbc.sql("insert into categories (id, slug, name) values (?, 'kettles', 'Kettles')").param(category).update();
    }

    @AfterEach
    void dropDatabase() {
        TestPostgres.drop(database);
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load();
    }

    private void product(String sku) {
        jdbc.sql("""
                insert into products (id, sku, name, category_id, price_amount, currency)
                values (?, ?, 'Kettle', ?, 2599, 'EUR')""")
                .params(UUID.randomUUID(), sku, category).update();
    }

    @Test
    void keepsSkusAsGivenAndRefusesAnotherThatDiffersOnlyInCase() {
        product("Ktl-0001");

        flyway("latest").migrate();

        assertThat(jdbc.sql("select sku from products").query(String.class).list()).containsExactly("Ktl-0001");
        assertThatThrownBy(() -> product("KTL-0001")).isInstanceOf(DuplicateKeyException.class);
        product("KTL-0002");
    }

    @Test
    void stopsWithTheCollidingSkusNamedWhenExistingProductsDifferOnlyInCase() {
        product("KTL-0001");
        product("ktl-0001");
        product("KTL-0002");

        assertThatThrownBy(() -> flyway("latest").migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("differ only in case")
                .hasMessageContaining("KTL-0001")
                .hasMessageContaining("ktl-0001")
                .message().doesNotContain("KTL-0002");
        assertThat(jdbc.sql("select count(*) from products").query(Long.class).single()).isEqualTo(3);
    }
}
