package dev.bazaar.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test context at its own database and its own broker names. Call from
 * a {@code @DynamicPropertySource} method: each test class gets an isolated database.
 */
public final class BazaarTestProperties {

    private BazaarTestProperties() {
    }

    public static TestPostgres.Database postgres(DynamicPropertyRegistry registry, String prefix) {
        TestPostgres.Database db = TestPostgres.newDatabase(prefix);
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        return db;
    }

    public static TestRabbit.Isolation rabbit(DynamicPropertyRegistry registry) {
        TestRabbit.Broker broker = TestRabbit.broker();
        TestRabbit.Isolation isolation = TestRabbit.isolation();
        registry.add("spring.rabbitmq.host", broker::host);
        registry.add("spring.rabbitmq.port", broker::port);
        registry.add("spring.rabbitmq.username", broker::username);
        registry.add("spring.rabbitmq.password", broker::password);
        registry.add("spring.rabbitmq.virtual-host", broker::virtualHost);
        registry.add("bazaar.messaging.exchange", isolation::exchange);
        registry.add("bazaar.messaging.queue-prefix", isolation::queuePrefix);
        // queues of a finished test disappear on their own
        registry.add("bazaar.messaging.queue-expiry", () -> "5m");
        return isolation;
    }
}
