package dev.bazaar.messaging.standalone;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.messaging.EventHandler;
import dev.bazaar.messaging.Outbox;
import dev.bazaar.messaging.topology.EventTopology;
import dev.bazaar.testsupport.TestPostgres;
import dev.bazaar.testsupport.TestRabbit;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One service of a test's own, started and stopped when the test says, with its own
 * database, on the exchange and queue names the test shares between its services: for what
 * happens before a consumer ever started, or while one stops.
 */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningService start(String service, TestRabbit.Isolation isolation, EventTopology topology,
            EventHandler... handlers) {
        TestPostgres.Database database = TestPostgres.newDatabase("messaging_" + service.replace('-', '_'));
        TestRabbit.Broker broker = TestRabbit.broker();
        Map<String, Object> properties = new HashMap<>();
        properties.put("bazaar.messaging.service", service);
        properties.put("spring.application.name", service);
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.rabbitmq.host", broker.host());
        properties.put("spring.rabbitmq.port", broker.port());
        properties.put("spring.rabbitmq.username", broker.username());
        properties.put("spring.rabbitmq.password", broker.password());
        properties.put("spring.rabbitmq.virtual-host", broker.virtualHost());
        properties.put("bazaar.messaging.exchange", isolation.exchange());
        properties.put("bazaar.messaging.queue-prefix", isolation.queuePrefix());
        properties.put("bazaar.messaging.queue-expiry", "5m");
        properties.put("spring.jmx.enabled", "false");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StandaloneService.class)
                .web(WebApplicationType.NONE)
                .initializers(initialized -> {
                    GenericApplicationContext registry = (GenericApplicationContext) initialized;
                    registry.registerBean("eventTopology", EventTopology.class, () -> topology);
                    for (EventHandler handler : handlers) {
                        registry.registerBean("handler-" + handler.routingKey(), EventHandler.class, () -> handler);
                    }
                })
                // as arguments, so they win over the test application.properties
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        return new RunningService(context);
    }

    /** Appends an event in a transaction of its own, as a use case of the service would. */
    public UUID append(String type, String aggregateId, long version, Object data) {
        return context.getBean(TransactionTemplate.class)
                .execute(status -> context.getBean(Outbox.class).append(type, aggregateId, version, data));
    }

    public boolean isPublished(UUID eventId) {
        return Boolean.TRUE.equals(jdbc().sql("SELECT published_at IS NOT NULL FROM outbox WHERE event_id = :id")
                .param("id", eventId).query(Boolean.class).single());
    }

    /** The events this service's inbox recorded as applied. */
    public List<UUID> applied() {
        return jdbc().sql("SELECT event_id FROM inbox ORDER BY received_at").query(UUID.class).list();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
