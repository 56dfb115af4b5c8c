package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.testsupport.BrokerEvents;
import dev.bazaar.testsupport.events.EventSchemas;
import io.restassured.path.json.JsonPath;

/** The order's side of the saga: payment outcomes, timeouts, cancellation, who sees what. */
class OrderLifecycleIT extends OrderIntegrationTest {

    @Autowired
    RabbitTemplate rabbitTemplate;

    private record Placed(UUID orderId, UUID customerId, String token, UUID product) {
    }

    private Placed placeOne() {
        UUID shopper = UUID.randomUUID();
        String token = tokens.customer(shopper);
        UUID product = peers.product("Teapot", 3_500, 10);
        String id = place(token, "k-" + UUID.randomUUID(), orderJson(product, 2)).then().statusCode(201).extract().path("id");
        return new Placed(UUID.fromString(id), shopper, token, product);
    }

    private void paymentEvent(String type, UUID eventId, Placed order, String extra) {
        String body = """
                {"eventId": "%s", "type": "%s", "occurredAt": "%s", "aggregateId": "%s", "version": 1,
                 "data": {"paymentId": "%s", "orderId": "%s", "customerId": "%s", "amount": {"amount": 7000, "currency": "EUR"}%s}}"""
                .formatted(eventId, type, Instant.now(), UUID.randomUUID(), UUID.randomUUID(), order.orderId(),
                        order.customerId(), extra);
        // as payment-service publishes it: the message must pass its schema in contracts/events
        EventSchemas.contracts().check(body);
        rabbitTemplate.send(rabbit.exchange(), type, MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).setMessageId(eventId.toString()).build());
    }

    private String status(Placed order) {
        return given().auth().oauth2(order.token()).when().get("/api/orders/{id}", order.orderId())
                .then().statusCode(200).extract().path("status");
    }

    @Test
    void paymentSucceededConfirmsOnceEvenWhenDeliveredTwice() {
        Placed order = placeOne();
        UUID eventId = UUID.randomUUID();
        try (BrokerEvents events = BrokerEvents.listen(rabbit.exchange(), "order.order.confirmed")) {
            paymentEvent("payment.payment.succeeded", eventId, order, "");
            paymentEvent("payment.payment.succeeded", eventId, order, "");
            paymentEvent("payment.payment.succeeded", UUID.randomUUID(), order, "");

            await().atMost(Duration.ofSeconds(10)).until(() -> status(order).equals("CONFIRMED"));
            assertThat(JsonPath.from(events.await(1, Duration.ofSeconds(10)).getFirst()).getString("aggregateId"))
                    .isEqualTo(order.orderId().toString());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> events.received().size() == 1);
        }
        List<String> history = given().auth().oauth2(order.token()).when().get("/api/orders/{id}/history", order.orderId())
                .then().statusCode(200).extract().path("event");
        assertThat(history).containsExactly("Placed", "Confirmed");
    }

    @Test
    void declinedPaymentCancelsWithTheReasonAndAnnouncesIt() {
        Placed order = placeOne();
        try (BrokerEvents events = BrokerEvents.listen(rabbit.exchange(), "order.order.cancelled")) {
            paymentEvent("payment.payment.failed", UUID.randomUUID(), order, ", \"reason\": \"card_declined\"");

            await().atMost(Duration.ofSeconds(10)).until(() -> status(order).equals("CANCELLED"));
            given().auth().oauth2(order.token()).when().get("/api/orders/{id}", order.orderId())
                    .then().body("cancelReason", equalTo("PAYMENT_DECLINED")).body("cancelDetail", equalTo("card_declined"));
            JsonPath cancelled = JsonPath.from(events.await(1, Duration.ofSeconds(10)).getFirst());
            assertThat(cancelled.getString("data.reason")).isEqualTo("PAYMENT_DECLINED");
        }
    }

    @Test
    void concurrentCancellationsAllSucceedAndCancelOnce() throws Exception {
        Placed order = placeOne();
        List<Callable<Integer>> cancellations = Collections.nCopies(8, () -> given().auth().oauth2(order.token())
                .when().post("/api/orders/{id}/cancel", order.orderId()).then().extract().statusCode());
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> answer : pool.invokeAll(cancellations)) {
                statuses.add(answer.get());
            }
        }

        assertThat(statuses).containsOnly(200);
        assertThat(status(order)).isEqualTo("CANCELLED");
        List<String> history = given().auth().oauth2(order.token()).when().get("/api/orders/{id}/history", order.orderId())
                .then().statusCode(200).extract().path("event");
        assertThat(history).containsExactly("Placed", "Cancelled");
    }

    @Test
    void aChargeThatArrivesAfterCancellationNeverConfirms() {
        Placed order = placeOne();
        given().auth().oauth2(order.token()).when().post("/api/orders/{id}/cancel", order.orderId())
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("cancelReason", equalTo("CUSTOMER_REQUEST"));

        paymentEvent("payment.payment.succeeded", UUID.randomUUID(), order, "");
        paymentEvent("payment.payment.refunded", UUID.randomUUID(), order, "");

        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(order.token())
                .when().get("/api/orders/{id}", order.orderId()).then().extract().<Boolean>path("refunded"));
        assertThat(status(order)).isEqualTo("CANCELLED");
    }

    @Test
    void unpaidOrderIsCancelledAfterThePaymentTimeout() {
        Placed order = placeOne();
        try (BrokerEvents events = BrokerEvents.listen(rabbit.exchange(), "order.order.cancelled")) {
            // as if the payment timeout (15 minutes) had passed
            jdbc.sql("update orders set placed_at = placed_at - interval '1 hour' where id = ?").param(order.orderId()).update();

            await().atMost(Duration.ofSeconds(10)).until(() -> status(order).equals("CANCELLED"));
            given().auth().oauth2(order.token()).when().get("/api/orders/{id}", order.orderId())
                    .then().body("cancelReason", equalTo("PAYMENT_TIMEOUT"));
            assertThat(JsonPath.from(events.await(1, Duration.ofSeconds(10)).getFirst()).getString("aggregateId"))
                    .isEqualTo(order.orderId().toString());
        }
    }

    @Test
    void anotherShoppersOrderIsNotFoundForReadHistoryAndCancel() {
        Placed order = placeOne();
        String stranger = tokens.customer(UUID.randomUUID());

        given().auth().oauth2(stranger).when().get("/api/orders/{id}", order.orderId()).then().statusCode(404);
        given().auth().oauth2(stranger).when().get("/api/orders/{id}/history", order.orderId()).then().statusCode(404);
        given().auth().oauth2(stranger).when().post("/api/orders/{id}/cancel", order.orderId()).then().statusCode(404);
        given().auth().oauth2(stranger).when().get("/api/orders").then().statusCode(200).body("totalItems", equalTo(0));
        assertThat(status(order)).isEqualTo("AWAITING_PAYMENT");
        given().when().get("/api/orders/{id}", order.orderId()).then().statusCode(401);
    }

    @Test
    void listsOnlyTheCallersOrdersAndAdminsSeeAll() {
        Placed order = placeOne();
        given().auth().oauth2(order.token()).queryParam("status", "AWAITING_PAYMENT").when().get("/api/orders")
                .then().statusCode(200).body("totalItems", equalTo(1))
                .body("items.id", everyItem(equalTo(order.orderId().toString())));
        given().auth().oauth2(order.token()).when().get("/api/admin/orders").then().statusCode(403);
        given().auth().oauth2(tokens.admin()).queryParam("customerId", UUID.fromString(
                        given().auth().oauth2(order.token()).when().get("/api/orders/{id}", order.orderId())
                                .then().extract().<String>path("customer.id")))
                .when().get("/api/admin/orders")
                .then().statusCode(200).body("totalItems", equalTo(1));
        given().auth().oauth2(order.token()).queryParam("status", "SHIPPED").when().get("/api/orders")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("status"));
    }
}
