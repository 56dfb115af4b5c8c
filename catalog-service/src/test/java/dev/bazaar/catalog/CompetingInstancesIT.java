package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.StockLine;
import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.events.EventSchemas;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * A second catalog instance on the same database and queues as the test context's, so the
 * order events meet competing consumers (several per instance, two instances), delivered twice
 * each and in any order, confirmation and cancellation of one order racing each other.
 */
class CompetingInstancesIT extends CatalogIntegrationTest {

    /** What the second instance shares with the first: the database, the broker, the tokens. */
    private static final List<String> SHARED = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.rabbitmq.host", "spring.rabbitmq.port", "spring.rabbitmq.username",
            "spring.rabbitmq.password", "spring.rabbitmq.virtual-host", "bazaar.messaging.exchange",
            "bazaar.messaging.queue-prefix", "bazaar.messaging.queue-expiry", "bazaar.security.issuer-url",
            "bazaar.security.jwk-set-uri", "bazaar.security.audiences", "bazaar.service-client.token-uri");

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    Environment environment;

    private ConfigurableApplicationContext second;

    @AfterEach
    void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void settlesEachReservationOnceWhenConfirmationAndCancellationRaceOnTwoInstances() {
        second = startSecondInstance();
        UUID product = productWithStock(100);
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID order = UUID.randomUUID();
            reserve(order, product, 2);
            orders.add(order);
        }
        assertThat(stockOf(product)).isEqualTo(new Stock(60, 40, 0));

        // every event twice (at-least-once delivery), all shuffled: some cancellations come first
        List<Message> events = new ArrayList<>();
        List<UUID> eventIds = new ArrayList<>();
        for (UUID order : orders) {
            UUID confirmed = UUID.randomUUID();
            UUID cancelled = UUID.randomUUID();
            eventIds.add(confirmed);
            eventIds.add(cancelled);
            for (int copy = 0; copy < 2; copy++) {
                events.add(event("order.order.confirmed", confirmed, order, 2));
                events.add(event("order.order.cancelled", cancelled, order, 3));
            }
        }
        Collections.shuffle(events, new Random(14));
        events.forEach(event -> rabbitTemplate.send(rabbit.exchange(), event.getMessageProperties().getType(), event));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from reservations where status = 'RELEASED' and order_id in (:ids)")
                .param("ids", orders).query(Long.class).single()).isEqualTo(orders.size()));
        // each order's units came back exactly once, whichever event was applied first
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(stockOf(product)).isEqualTo(new Stock(100, 0, 0)));
        assertThat(jdbc.sql("select count(*) from inbox where event_id in (:ids)").param("ids", eventIds)
                .query(Long.class).single()).isEqualTo(eventIds.size());
        assertThat(second.isRunning()).isTrue();
    }

    private ConfigurableApplicationContext startSecondInstance() {
        List<String> arguments = new ArrayList<>();
        for (String key : SHARED) {
            String value = environment.getProperty(key);
            if (value != null) {
                arguments.add("--" + key + "=" + value);
            }
        }
        arguments.add("--server.port=0");
        arguments.add("--management.server.port=0");
        arguments.add("--spring.grpc.server.port=" + FreePorts.next());
        return new SpringApplicationBuilder(CatalogApplication.class).profiles("dev").run(arguments.toArray(String[]::new));
    }

    private void reserve(UUID order, UUID product, int quantity) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.service("order-service", "catalog.stock.write"));
        CatalogServiceGrpc.newBlockingStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .reserveStock(ReserveStockRequest.newBuilder().setOrderId(order.toString())
                        .addLines(StockLine.newBuilder().setProductId(product.toString()).setQuantity(quantity))
                        .build());
    }

    private static Message event(String type, UUID eventId, UUID order, long version) {
        String envelope = """
                {"eventId": "%s", "type": "%s", "occurredAt": "%s", "aggregateId": "%s", "version": %d,
                 "data": {"orderId": "%s", "customerId": "%s", %s}}""".formatted(eventId, type, Instant.now(), order, version,
                order, UUID.randomUUID(), type.equals("order.order.cancelled")
                        ? "\"reason\": \"CUSTOMER_REQUEST\""
                        : "\"paymentId\": \"" + UUID.randomUUID() + "\"");
        // as order-service publishes it: the message must pass its schema in contracts/events
        EventSchemas.contracts().check(envelope);
        return MessageBuilder.withBody(envelope.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(eventId.toString())
                .setType(type)
                .build();
    }
}
