package dev.bazaar.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bazaar.testsupport.BrokerEvents;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

class PlaceOrderIT extends OrderIntegrationTest {

    @Test
    void placesAnOrderPricedByCatalogAndAnnouncesIt() {
        UUID shopper = UUID.randomUUID();
        UUID product = peers.product("Aurora Headphones", 12_999, 10);
        try (BrokerEvents events = BrokerEvents.listen(rabbit.exchange(), "order.order.placed")) {
            Response response = place(tokens.customer(shopper), "k-" + UUID.randomUUID(), orderJson(product, 2));

            response.then().statusCode(201)
                    .header("Location", startsWith("/api/orders/"))
                    .body("status", equalTo("AWAITING_PAYMENT"))
                    .body("total.amount", equalTo(25_998))
                    .body("lines[0].unitPrice.amount", equalTo(12_999))
                    .body("customer.id", equalTo(shopper.toString()))
                    .body("paymentToken", org.hamcrest.Matchers.nullValue());
            JsonPath placed = JsonPath.from(events.await(1, Duration.ofSeconds(10)).getFirst());
            assertThat(placed.getString("aggregateId")).isEqualTo(response.path("id"));
            assertThat(placed.getLong("data.amount.amount")).isEqualTo(25_998);
            assertThat(placed.getString("data.paymentToken")).isEqualTo("tok_visa");
            assertThat(placed.getString("data.customerId")).isEqualTo(shopper.toString());
        }
        assertThat(peers.available(product)).isEqualTo(8);
    }

    @Test
    void replaysFirstResponseForSameIdempotencyKey() {
        String token = tokens.customer(UUID.randomUUID());
        UUID product = peers.product("Kettle", 2_500, 10);
        String key = "k-" + UUID.randomUUID();

        Response first = place(token, key, orderJson(product, 1));
        Response second = place(token, key, orderJson(product, 1));

        first.then().statusCode(201);
        second.then().statusCode(201).body("id", equalTo(first.path("id")));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(peers.available(product)).isEqualTo(9);
        place(token, key, orderJson(product, 3)).then().statusCode(422)
                .body("type", equalTo("urn:bazaar:problem:idempotency-key-reused"));
        assertThat(peers.available(product)).isEqualTo(9);
    }

    @Test
    void answersAReplayFromTheStoredOrderWhenTheFirstAnswerWasLostAfterItsOrderCommitted() {
        String token = tokens.customer(UUID.randomUUID());
        UUID product = peers.product("Teapot", 3_100, 10);
        String key = "k-" + UUID.randomUUID();
        Response first = place(token, key, orderJson(product, 2));
        first.then().statusCode(201);
        long orders = orderCount();
        // what a crash between the order's commit and the storing of its answer leaves behind
        jdbc.sql("""
                update idempotency_keys set response_status = null, response_headers = null, response_body = null
                where idempotency_key = ?""").param(key).update();

        Response replay = place(token, key, orderJson(product, 2));

        replay.then().statusCode(201).body("id", equalTo(first.path("id"))).body("total.amount", equalTo(6_200));
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(orderCount()).isEqualTo(orders);
        assertThat(peers.available(product)).isEqualTo(8);
        place(token, key, orderJson(product, 2)).then().statusCode(201).body("id", equalTo(first.path("id")));
    }

    @Test
    void makesOneOrderForConcurrentRequestsWithOneKey() {
        UUID shopper = UUID.randomUUID();
        String token = tokens.customer(shopper);
        UUID product = peers.product("Mug", 900, 50);
        String key = "k-" + UUID.randomUUID();

        List<CompletableFuture<Response>> requests = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> place(token, key, orderJson(product, 1)))).toList();
        List<Response> responses = requests.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        assertThat(responses.stream().map(r -> r.<String>path("id")).distinct()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from orders where customer_id = ?").param(shopper)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(peers.available(product)).isEqualTo(49);
    }

    @Test
    void answers409NamingTheShortLinesAndWritesNothing() {
        UUID product = peers.product("Rare Vinyl", 4_000, 1);
        long before = orderCount();

        place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), orderJson(product, 3))
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:insufficient-stock"))
                .body("shortLines[0].productId", equalTo(product.toString()))
                .body("shortLines[0].available", equalTo(1));

        assertThat(orderCount()).isEqualTo(before);
        assertThat(peers.available(product)).isEqualTo(1);
    }

    @Test
    void failsFastWith503WhenCatalogIsDownAndWritesNothing() {
        UUID product = peers.product("Lamp", 3_000, 5);
        long before = orderCount();
        String token = tokens.customer(UUID.randomUUID());
        peers.catalogDown.set(true);
        try {
            for (int i = 0; i < 6; i++) {
                long started = System.nanoTime();
                place(token, "k-" + UUID.randomUUID(), orderJson(product, 1))
                        .then().statusCode(503).contentType("application/problem+json");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
        } finally {
            peers.catalogDown.set(false);
        }
        assertThat(orderCount()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from idempotency_keys where state = 'IN_PROGRESS'")
                .query(Long.class).single()).isZero();
        // the breaker closes again once catalog answers
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> place(token, "k-" + UUID.randomUUID(), orderJson(product, 1)).statusCode() == 201);
    }

    @Test
    void answers422ForATotalAbovePaymentsLimitAndReservesNothing() {
        // 2 x 60,000,000.00 EUR: payment accepts at most 100,000,000.00
        UUID product = peers.product("Gold Yacht", 60_000_000_00L, 5);
        long before = orderCount();
        int reservesBefore = peers.reserveCalls.get();

        place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), orderJson(product, 2))
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:order-total-too-large"));

        assertThat(orderCount()).isEqualTo(before);
        assertThat(peers.reserveCalls.get()).isEqualTo(reservesBefore);
        assertThat(peers.available(product)).isEqualTo(5);
    }

    @Test
    void answers422WhenPriceTimesQuantityOverflowsAndReservesNothing() {
        UUID product = peers.product("Priceless", Long.MAX_VALUE / 2, 5);
        long before = orderCount();
        int reservesBefore = peers.reserveCalls.get();

        place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), orderJson(product, 3))
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:order-total-too-large"));

        assertThat(orderCount()).isEqualTo(before);
        assertThat(peers.reserveCalls.get()).isEqualTo(reservesBefore);
        assertThat(peers.available(product)).isEqualTo(5);
    }

    @Test
    void refusesAMissingIdempotencyKey() {
        UUID product = peers.product("Pen", 200, 5);
        place(tokens.customer(UUID.randomUUID()), null, orderJson(product, 1))
                .then().statusCode(400).body("type", equalTo("urn:bazaar:problem:idempotency-key-missing"));
        assertThat(peers.available(product)).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"lines\": [], \"shippingAddress\": %ADDR%, \"paymentToken\": \"tok_visa\"}|lines",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": 0}], \"shippingAddress\": %ADDR%, \"paymentToken\": \"tok_visa\"}|lines[0].quantity",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": -2}], \"shippingAddress\": %ADDR%, \"paymentToken\": \"tok_visa\"}|lines[0].quantity",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": 1000000000}], \"shippingAddress\": %ADDR%, \"paymentToken\": \"tok_visa\"}|lines[0].quantity",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": 1.5}], \"shippingAddress\": %ADDR%, \"paymentToken\": \"tok_visa\"}|lines[0].quantity",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": 1, \"unitPrice\": 1}], \"shippingAddress\": %ADDR%, \"paymentToken\": \"tok_visa\"}|lines[0].unitPrice",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": 1}], \"shippingAddress\": %ADDR%, \"paymentToken\": \"tok_visa\", \"status\": \"CONFIRMED\"}|status",
            "{\"lines\": [{\"productId\": \"not-a-uuid\", \"quantity\": 1}], \"shippingAddress\": %ADDR%, \"paymentToken\": \"tok_visa\"}|lines[0].productId",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": 1}], \"paymentToken\": \"tok_visa\"}|shippingAddress",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": 1}], \"shippingAddress\": %ADDR%}|paymentToken",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": 1}, {\"productId\": \"%P%\", \"quantity\": 2}], \"shippingAddress\": %ADDR%, \"paymentToken\": \"tok_visa\"}|eachProductOnce",
            "{\"lines\": [{\"productId\": \"%P%\", \"quantity\": 1}|malformed"})
    void rejectsBadOrdersNamingTheFieldAndWritesNothing(String example) {
        UUID product = peers.product("Cup", 500, 5);
        String[] parts = example.split("\\|");
        String address = "{\"name\": \"Ada\", \"line1\": \"1 Row\", \"city\": \"London\", \"postalCode\": \"N1\", \"country\": \"GB\"}";
        String body = parts[0].replace("%P%", product.toString()).replace("%ADDR%", address);
        long before = orderCount();

        var response = place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), body)
                .then().statusCode(400).contentType("application/problem+json");
        if (!parts[1].equals("malformed")) {
            response.body("errors.field", hasItem(parts[1]));
        }
        assertThat(orderCount()).isEqualTo(before);
        assertThat(peers.available(product)).isEqualTo(5);
    }

    @Test
    void answers422ForAnUnknownProduct() {
        long before = orderCount();
        place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), orderJson(UUID.randomUUID(), 1))
                .then().statusCode(422).body("type", equalTo("urn:bazaar:problem:unknown-product"));
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void answers422NamingAnArchivedProductAndReservesNothing() {
        UUID product = peers.product("Old Radio", 4_000, 5);
        peers.archive(product);
        long before = orderCount();
        int reservesBefore = peers.reserveCalls.get();

        place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), orderJson(product, 1))
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:product-archived"))
                .body("productIds", equalTo(List.of(product.toString())));

        assertThat(orderCount()).isEqualTo(before);
        assertThat(peers.reserveCalls.get()).isEqualTo(reservesBefore);
    }

    @Test
    void aTwinWaitsForTheFirstRequestAndReplaysItsAnswer() {
        String token = tokens.customer(UUID.randomUUID());
        UUID product = peers.product("Toaster", 4_200, 10);
        String key = "k-" + UUID.randomUUID();
        int reservesBefore = peers.reserveCalls.get();
        CountDownLatch gate = new CountDownLatch(1);
        peers.identityGate.set(gate);
        try {
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> place(token, key, orderJson(product, 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> peers.customersHeld.get() == 1);
            CompletableFuture<Response> twin = CompletableFuture.supplyAsync(() -> place(token, key, orderJson(product, 1)));
            // the twin neither runs the placement a second time nor answers before the first
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                    .until(() -> !twin.isDone() && peers.customersHeld.get() == 1);

            gate.countDown();
            Response placed = first.join();
            Response replayed = twin.join();

            placed.then().statusCode(201);
            replayed.then().statusCode(201).contentType("application/json").body("id", equalTo(placed.path("id")));
            assertThat(replayed.header("Location")).isEqualTo(placed.header("Location")).startsWith("/api/orders/");
        } finally {
            peers.identityGate.set(null);
            gate.countDown();
        }
        assertThat(peers.reserveCalls.get() - reservesBefore).isEqualTo(1);
        assertThat(peers.available(product)).isEqualTo(9);
    }

    @Test
    void aTwinThatWaitsLongerThanTheTwinWaitIsToldToRetryAndTheFirstStillCounts() {
        String token = tokens.customer(UUID.randomUUID());
        UUID product = peers.product("Blender", 6_100, 10);
        String key = "k-" + UUID.randomUUID();
        CountDownLatch gate = new CountDownLatch(1);
        peers.identityGate.set(gate);
        CompletableFuture<Response> first;
        try {
            first = CompletableFuture.supplyAsync(() -> place(token, key, orderJson(product, 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> peers.customersHeld.get() == 1);

            long started = System.nanoTime();
            Response twin = place(token, key, orderJson(product, 1));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            twin.then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:bazaar:problem:request-in-progress"));
            // bazaar.idempotency.twin-wait is 2s in these tests; the upper bound only says it is bounded
            assertThat(waited).isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(10));
        } finally {
            peers.identityGate.set(null);
            gate.countDown();
        }
        Response placed = first.join();
        placed.then().statusCode(201);
        place(token, key, orderJson(product, 1)).then().statusCode(201).body("id", equalTo(placed.path("id")));
        assertThat(peers.available(product)).isEqualTo(9);
    }

    @Test
    void replaysAStoredProblemWithItsStatusAndType() {
        String token = tokens.customer(UUID.randomUUID());
        UUID product = peers.product("Globe", 1_500, 1);
        String key = "k-" + UUID.randomUUID();

        Response first = place(token, key, orderJson(product, 2));
        peers.products.computeIfPresent(product, (id, p) -> new StandInPeers.StandInProduct(p.name(), p.price(), 5));
        Response replayed = place(token, key, orderJson(product, 2));

        first.then().statusCode(409).body("type", equalTo("urn:bazaar:problem:insufficient-stock"));
        replayed.then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:insufficient-stock"))
                .body("shortLines[0].available", equalTo(1));
        assertThat(peers.available(product)).isEqualTo(5);
    }

    @Test
    void aBodyRefusedAsInvalidDoesNotUseUpItsKey() {
        String token = tokens.customer(UUID.randomUUID());
        UUID product = peers.product("Scarf", 2_000, 5);
        String key = "k-" + UUID.randomUUID();

        place(token, key, orderJson(product, 0)).then().statusCode(400);
        place(token, key, orderJson(product, 1)).then().statusCode(201);

        assertThat(peers.available(product)).isEqualTo(4);
    }
}
