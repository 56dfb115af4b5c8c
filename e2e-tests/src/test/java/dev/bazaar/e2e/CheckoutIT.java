package dev.bazaar.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The checkout saga across real processes, entered only through the gateway. */
class CheckoutIT {

    static RunningBazaar bazaar;
    static String admin;

    @BeforeAll
    static void startBazaar() {
        bazaar = RunningBazaar.get();
        admin = Shoppers.admin(bazaar);
    }

    private UUID productWithStock(int units) {
        UUID category = UUID.fromString(given().baseUri(bazaar.gateway()).when().get("/api/catalog/categories")
                .then().statusCode(200).extract().path("[0].id"));
        String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().baseUri(bazaar.gateway()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"sku": "%s", "name": "E2E Espresso Cup", "categoryId": "%s",
                         "price": {"amount": 1250, "currency": "EUR"}, "initialStock": %d}"""
                        .formatted(sku, category, units))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private JsonPath stock(UUID product) {
        return given().baseUri(bazaar.gateway()).auth().oauth2(admin)
                .when().get("/api/catalog/admin/products/{id}/stock", product)
                .then().statusCode(200).extract().jsonPath();
    }

    static String order(UUID product, int quantity, String paymentToken) {
        return """
                {"lines": [{"productId": "%s", "quantity": %d}],
                 "shippingAddress": {"name": "Grace Hopper", "line1": "1 Compiler Way", "city": "Arlington",
                                     "postalCode": "22201", "country": "US"},
                 "paymentToken": "%s"}""".formatted(product, quantity, paymentToken);
    }

    static String place(Shoppers.Shopper shopper, UUID product, int quantity, String paymentToken) {
        return given().baseUri(bazaar.gateway()).auth().oauth2(shopper.token()).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(order(product, quantity, paymentToken))
                .when().post("/api/orders")
                .then().statusCode(201).body("status", equalTo("AWAITING_PAYMENT")).extract().path("id");
    }

    static JsonPath orderOf(Shoppers.Shopper shopper, String orderId) {
        return given().baseUri(bazaar.gateway()).auth().oauth2(shopper.token())
                .when().get("/api/orders/{id}", orderId).then().statusCode(200).extract().jsonPath();
    }

    /** Every payment instance down: payment-service as a whole is away, not one replica of it. */
    private static void stopPayment() {
        bazaar.stopEvery("payment");
    }

    /** Starts every payment instance again and waits until the gateway routes to it (health check, breaker closed). */
    private static void restartPayment() {
        bazaar.startEvery("payment", Duration.ofSeconds(180));
    }

    @Test
    void paidOrderIsConfirmedAndItsStockSold() {
        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        UUID product = productWithStock(5);

        String orderId = place(shopper, product, 2, "tok_visa");

        await().atMost(Duration.ofSeconds(30)).until(() -> orderOf(shopper, orderId).getString("status").equals("CONFIRMED"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonPath stock = stock(product);
            assertThat(List.of(stock.getInt("available"), stock.getInt("reserved"), stock.getInt("sold")))
                    .containsExactly(3, 0, 2);
        });
        given().baseUri(bazaar.gateway()).auth().oauth2(shopper.token()).queryParam("orderId", orderId)
                .when().get("/api/payments")
                .then().statusCode(200).body("items[0].status", equalTo("CAPTURED"))
                .body("items[0].amount.amount", equalTo(2500));
        assertThat(orderOf(shopper, orderId).getString("customer.email")).isEqualTo(shopper.email());
    }

    @Test
    void declinedCardCancelsWithTheReasonAndReleasesStock() {
        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        UUID product = productWithStock(4);

        String orderId = place(shopper, product, 3, "tok_chargeDeclined");

        await().atMost(Duration.ofSeconds(30)).until(() -> orderOf(shopper, orderId).getString("status").equals("CANCELLED"));
        JsonPath order = orderOf(shopper, orderId);
        assertThat(order.getString("cancelReason")).isEqualTo("PAYMENT_DECLINED");
        assertThat(order.getString("cancelDetail")).isEqualTo("card_declined");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(stock(product).getInt("available")).isEqualTo(4));
        assertThat(stock(product).getInt("reserved")).isZero();
    }

    @Test
    void anotherShoppersOrderAndPaymentAreNotFound() {
        Shoppers.Shopper owner = Shoppers.register(bazaar);
        Shoppers.Shopper stranger = Shoppers.register(bazaar);
        String orderId = place(owner, productWithStock(2), 1, "tok_visa");

        given().baseUri(bazaar.gateway()).auth().oauth2(stranger.token()).when().get("/api/orders/{id}", orderId)
                .then().statusCode(404);
        given().baseUri(bazaar.gateway()).auth().oauth2(stranger.token()).when().get("/api/orders/{id}/history", orderId)
                .then().statusCode(404);
        given().baseUri(bazaar.gateway()).auth().oauth2(stranger.token()).when().post("/api/orders/{id}/cancel", orderId)
                .then().statusCode(404);
        given().baseUri(bazaar.gateway()).auth().oauth2(stranger.token()).queryParam("orderId", orderId)
                .when().get("/api/payments").then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void ordersPlacedWhilePaymentIsDownFinishAfterItReturns() {
        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        UUID product = productWithStock(40);
        stopPayment();
        List<String> orders;
        try {
            orders = IntStream.range(0, 20).mapToObj(i -> place(shopper, product, 1, "tok_visa")).toList();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    orders.stream().allMatch(id -> orderOf(shopper, id).getString("status").equals("AWAITING_PAYMENT")));
        } finally {
            restartPayment();
        }

        await().atMost(Duration.ofSeconds(60)).until(() ->
                orders.stream().allMatch(id -> orderOf(shopper, id).getString("status").equals("CONFIRMED")));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(stock(product).getInt("sold")).isEqualTo(20));
    }

    @Test
    void unpaidOrderTimesOutReleasesStockAndIsNeverLeftCharged() {
        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        UUID product = productWithStock(3);
        stopPayment();
        String orderId;
        try {
            orderId = place(shopper, product, 3, "tok_visa");
            await().atMost(RunningBazaar.PAYMENT_TIMEOUT.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> orderOf(shopper, orderId).getString("status").equals("CANCELLED"));
            assertThat(orderOf(shopper, orderId).getString("cancelReason")).isEqualTo("PAYMENT_TIMEOUT");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(stock(product).getInt("available")).isEqualTo(3));
        } finally {
            restartPayment();
        }
        // payment sees the placement and the cancellation late, in either order: no money may stay taken
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String status = given().baseUri(bazaar.gateway()).auth().oauth2(shopper.token())
                    .queryParam("orderId", orderId).when().get("/api/payments")
                    .then().statusCode(200).extract().path("items[0].status");
            assertThat(status).isIn("CANCELLED", "REFUNDED");
        });
        assertThat(orderOf(shopper, orderId).getString("status")).isEqualTo("CANCELLED");
    }
}
