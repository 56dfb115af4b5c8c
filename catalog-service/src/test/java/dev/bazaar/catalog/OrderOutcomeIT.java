package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.StockLine;
import dev.bazaar.testsupport.events.EventSchemas;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/** The end of the saga as catalog sees it: order events settle the reservation. */
class OrderOutcomeIT extends CatalogIntegrationTest {

    @Autowired
    RabbitTemplate rabbitTemplate;

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

    private void publish(String type, UUID eventId, UUID order, long version) {
        String envelope = """
                {"eventId": "%s", "type": "%s", "occurredAt": "%s", "aggregateId": "%s", "version": %d,
                 "data": {"orderId": "%s", "customerId": "%s", %s}}""".formatted(eventId, type, Instant.now(), order, version,
                order, UUID.randomUUID(), type.equals("order.order.cancelled")
                        ? "\"reason\": \"CUSTOMER_REQUEST\""
                        : "\"paymentId\": \"" + UUID.randomUUID() + "\"");
        // as order-service publishes it: the message must pass its schema in contracts/events
        EventSchemas.contracts().check(envelope);
        Message message = MessageBuilder.withBody(envelope.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(eventId.toString())
                .build();
        rabbitTemplate.send(rabbit.exchange(), type, message);
    }

    @Test
    void confirmedOrderTurnsHeldUnitsIntoSoldOnes() {
        UUID product = productWithStock(10);
        UUID order = UUID.randomUUID();
        reserve(order, product, 4);

        publish("order.order.confirmed", UUID.randomUUID(), order, 2);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(stockOf(product)).isEqualTo(new Stock(6, 0, 4)));
    }

    @Test
    void cancelledOrderReturnsItsUnitsOnceEvenWhenDeliveredTwice() {
        UUID product = productWithStock(10);
        UUID order = UUID.randomUUID();
        reserve(order, product, 3);
        UUID eventId = UUID.randomUUID();

        publish("order.order.cancelled", eventId, order, 2);
        publish("order.order.cancelled", eventId, order, 2);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(stockOf(product)).isEqualTo(new Stock(10, 0, 0)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(stockOf(product)).isEqualTo(new Stock(10, 0, 0)));
        assertThat(jdbc.sql("select count(*) from inbox where event_id = ?").param(eventId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void cancellationAfterPaymentReturnsSoldUnits() {
        UUID product = productWithStock(5);
        UUID order = UUID.randomUUID();
        reserve(order, product, 2);
        publish("order.order.confirmed", UUID.randomUUID(), order, 2);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(stockOf(product)).isEqualTo(new Stock(3, 0, 2)));

        publish("order.order.cancelled", UUID.randomUUID(), order, 3);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(stockOf(product)).isEqualTo(new Stock(5, 0, 0)));
    }
}
