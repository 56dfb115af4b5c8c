package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.bazaar.testsupport.BazaarTestProperties;
import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.TestPostgres;
import dev.bazaar.testsupport.TestTokens;

/**
 * Two catalog instances started at the same moment on an empty database, as {@code ./bazaar up
 * --replicas 2} and {@code docker compose up --scale} do: the schema is migrated once and the
 * demo catalog of the dev profile is there once, and both instances come up.
 */
class StartTogetherIT {

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private TestPostgres.Database database;

    @AfterEach
    void stopBoth() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            TestPostgres.drop(database);
        }
    }

    @Test
    void migratesOnceAndSeedsTheDemoCatalogOnceWhenTwoInstancesStartTogether() throws Exception {
        Map<String, Supplier<Object>> shared = new LinkedHashMap<>();
        DynamicPropertyRegistry registry = shared::put;
        database = BazaarTestProperties.postgres(registry, "catalog_together");
        BazaarTestProperties.rabbit(registry);
        TestTokens.register(registry);

        CyclicBarrier together = new CyclicBarrier(2);
        try (ExecutorService starts = Executors.newFixedThreadPool(2)) {
            List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                started.add(starts.submit(() -> {
                    // as arguments, so they win over the dev profile's settings as a deployment's would
                    List<String> arguments = new ArrayList<>();
                    shared.forEach((name, value) -> arguments.add("--" + name + "=" + value.get()));
                    arguments.add("--server.port=0");
                    arguments.add("--management.server.port=0");
                    arguments.add("--spring.grpc.server.port=" + FreePorts.next());
                    together.await(30, TimeUnit.SECONDS);
                    return new SpringApplicationBuilder(CatalogApplication.class).profiles("dev")
                            .run(arguments.toArray(String[]::new));
                }));
            }
            for (Future<ConfigurableApplicationContext> instance : started) {
                instances.add(instance.get(3, TimeUnit.MINUTES));
            }
        }

        assertThat(instances).hasSize(2).allSatisfy(instance -> assertThat(instance.isRunning()).isTrue());
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password()));
        assertThat(jdbc.sql("select count(*) from categories").query(Long.class).single()).isEqualTo(10);
        assertThat(jdbc.sql("select count(*) from products").query(Long.class).single()).isEqualTo(120);
        assertThat(jdbc.sql("select count(*) from stock").query(Long.class).single()).isEqualTo(120);
        assertThat(jdbc.sql("select count(*) from stock_adjustments").query(Long.class).single()).isEqualTo(120);
        assertThat(jdbc.sql("""
                select count(*) from flyway_schema_history where success
                group by coalesce(version, description) having count(*) > 1""").query(Long.class).list()).isEmpty();
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where script = 'R__demo_catalog.sql'")
                .query(Long.class).single()).isEqualTo(1);
    }
}
