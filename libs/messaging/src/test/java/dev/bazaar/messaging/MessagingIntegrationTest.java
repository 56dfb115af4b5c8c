package dev.bazaar.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.bazaar.messaging.config.MessagingProperties;
import dev.bazaar.messaging.testapp.AppliedEvents;
import dev.bazaar.messaging.testapp.MessagingTestApplication;
import dev.bazaar.messaging.testapp.WidgetChanged;
import dev.bazaar.testsupport.BazaarTestProperties;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One running test service against the real Postgres and RabbitMQ, with its own database
 * and its own exchange and queue names. Subclasses share the context.
 */
@SpringBootTest(classes = MessagingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MessagingIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        BazaarTestProperties.postgres(registry, "messaging");
        BazaarTestProperties.rabbit(registry);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    MessagingProperties properties;

    @Autowired
    AppliedEvents applied;

    UUID appendCommitted(String type, String aggregateId, long version, String note) {
        return transaction.execute(status -> outbox.append(type, aggregateId, version, new WidgetChanged(note)));
    }

    /** A queue of the test's own that sees every event published with the routing key pattern. */
    String tap(String routingKeyPattern) {
        Queue queue = QueueBuilder.nonDurable(properties.queuePrefix() + "tap." + UUID.randomUUID())
                .expires(Math.toIntExact(properties.queueExpiry().toMillis()))
                .build();
        admin.declareQueue(queue);
        admin.declareBinding(new Binding(queue.getName(), Binding.DestinationType.QUEUE, properties.exchange(),
                routingKeyPattern, null));
        return queue.getName();
    }

    List<EventEnvelope> receive(String queue, int count) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = rabbit.receive(queue, 5_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            events.add(EventEnvelope.fromJson(message.getBody()));
        }
        return events;
    }

    String payloadOf(UUID eventId) {
        return jdbc.sql("SELECT payload::text FROM outbox WHERE event_id = :id").param("id", eventId)
                .query(String.class).single();
    }

    boolean isPublished(UUID eventId) {
        return jdbc.sql("SELECT published_at IS NOT NULL FROM outbox WHERE event_id = :id").param("id", eventId)
                .query(Boolean.class).single();
    }
}
