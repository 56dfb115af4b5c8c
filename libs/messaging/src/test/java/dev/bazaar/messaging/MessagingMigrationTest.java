package dev.bazaar.messaging;

import java.util.List;

import dev.bazaar.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's migrations share the service's Flyway history and run before the
 * service's own V1. A database that an earlier release already took past V1 must still
 * accept what this release adds.
 */
class MessagingMigrationTest {

    private final TestPostgres.Database database = TestPostgres.newDatabase("messaging_migration");
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(),
            database.username(), database.password());

    @AfterEach
    void drop() {
        TestPostgres.drop(database);
    }

    @Test
    void upgradesADatabaseThatAnEarlierReleaseTookPastTheServicesOwnMigrations() {
        // the earlier release: outbox and inbox, then the service's V1 and V2
        Flyway.configure().dataSource(dataSource).locations("classpath:db/messaging").target("0.2").load().migrate();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .ignoreMigrationPatterns("*:missing").load().migrate();

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/messaging")
                .load().migrate();

        assertThat(indexes()).contains("outbox_published_at", "inbox_received_at");
    }

    @Test
    void migratesAFreshDatabase() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/messaging")
                .load().migrate();

        assertThat(indexes()).contains("outbox_published_at", "inbox_received_at");
    }

    private List<String> indexes() {
        return JdbcClient.create(dataSource).sql("SELECT indexname FROM pg_indexes WHERE tablename IN ('outbox', 'inbox')")
                .query(String.class).list();
    }
}
