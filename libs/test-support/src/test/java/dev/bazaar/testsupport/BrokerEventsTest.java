package dev.bazaar.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/** Against the real RabbitMQ: what a producer publishes is held to its schema by merely being received. */
class BrokerEventsTest {

    private final String exchange = TestRabbit.isolation().exchange();

    private static String depleted(String data) {
        return """
                {"eventId": "%s", "type": "catalog.stock.depleted", "occurredAt": "2026-12-03T11:40:00Z",
                 "aggregateId": "%s", "version": 3, "data": %s}""".formatted(UUID.randomUUID(), UUID.randomUUID(), data);
    }

    @Test
    void receivesAnEventThatMatchesItsSchema() throws Exception {
        String event = depleted("{\"productId\": \"%s\"}".formatted(UUID.randomUUID()));
        try (BrokerEvents events = BrokerEvents.listen(exchange, "catalog.stock.*")) {
            publish("catalog.stock.depleted", event);

            assertThat(events.await(1, Duration.ofSeconds(10))).containsExactly(event);
        }
    }

    @Test
    void failsTheTestOnAnEventThatBreaksItsSchema() throws Exception {
        try (BrokerEvents events = BrokerEvents.listen(exchange, "catalog.stock.*")) {
            publish("catalog.stock.depleted", depleted("{\"product\": \"%s\"}".formatted(UUID.randomUUID())));

            assertThatThrownBy(() -> events.await(1, Duration.ofSeconds(10)))
                    .hasStackTraceContaining("event catalog.stock.depleted (eventId ")
                    .hasStackTraceContaining("does not match its schema")
                    .hasStackTraceContaining("productId");
        }
    }

    private void publish(String routingKey, String body) throws Exception {
        try (Connection connection = BrokerEvents.connect("test-publisher"); Channel channel = connection.createChannel()) {
            channel.basicPublish(exchange, routingKey, null, body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
