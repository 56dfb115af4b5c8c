package dev.bazaar.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.BrokerEvents;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Checking a cart out: the placement of POST /api/orders, guarded by the cart's version and the Idempotency-Key. */
class CartCheckoutIT extends OrderIntegrationTest {

    /** one thread per request: the common pool may have a single thread on a small machine */
    private static final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();

    private long ordersOf(UUID customer) {
        return jdbc.sql("select count(*) from orders where customer_id = ?").param(customer).query(Long.class).single();
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    @Test
    void ordersTheCartAsSeenAtCatalogsPricesAndEmptiesIt() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID headphones = peers.product("Aurora Headphones", 12_999, 10);
        UUID cable = peers.product("Cable", 500, 10);
        shopper.set(headphones, 2).then().statusCode(200);
        shopper.set(cable, 1).then().statusCode(200);

        Response placed;
        try (BrokerEvents events = BrokerEvents.listen(rabbit.exchange(), "order.order.placed")) {
            placed = shopper.checkOut(key(), shopper.etag());

            placed.then().statusCode(201).contentType("application/json")
                    .header("Location", startsWith("/api/orders/"))
                    .body("status", equalTo("AWAITING_PAYMENT"))
                    .body("lines.productId", equalTo(List.of(headphones.toString(), cable.toString())))
                    .body("lines.quantity", equalTo(List.of(2, 1)))
                    .body("lines[0].unitPrice.amount", equalTo(12_999))
                    .body("total.amount", equalTo(26_498))
                    .body("customer.id", equalTo(customer.toString()))
                    .body("shippingAddress.city", equalTo("London"));
            assertThat(placed.header("Location")).isEqualTo("/api/orders/" + placed.path("id"));
            JsonPath message = JsonPath.from(events.await(1, Duration.ofSeconds(10)).getFirst());
            assertThat(message.getString("aggregateId")).isEqualTo(placed.path("id"));
            assertThat(message.getString("data.paymentToken")).isEqualTo("tok_visa");
        }
        shopper.view().then().statusCode(200).body("lines", empty()).body("version", equalTo(3));
        assertThat(peers.available(headphones)).isEqualTo(8);
        assertThat(peers.available(cable)).isEqualTo(9);
        org.hamcrest.MatcherAssert.assertThat(
                io.restassured.RestAssured.given().auth().oauth2(tokens.customer(customer))
                        .get(placed.header("Location")).statusCode(), equalTo(200));
    }

    @Test
    void acceptsTheVersionAsABareNumberToo() {
        CartCalls shopper = CartCalls.shopper(tokens.customer(UUID.randomUUID()));
        UUID product = peers.product("Teapot", 3_100, 10);
        shopper.set(product, 1).then().statusCode(200);

        shopper.checkOut(key(), "1").then().statusCode(201);
    }

    @Test
    void aReplayWithTheSameKeyBodyAndVersionAnswersTheSameOrderAndAnotherVersionOrBodyIs422() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID product = peers.product("Kettle", 2_500, 10);
        shopper.set(product, 2).then().statusCode(200);
        String key = key();

        Response first = shopper.checkOut(key, "\"1\"");
        Response replay = shopper.checkOut(key, "\"1\"");

        first.then().statusCode(201);
        replay.then().statusCode(201).body("id", equalTo(first.path("id"))).body("total.amount", equalTo(5_000));
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        shopper.checkOut(key, "\"2\"").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:idempotency-key-reused"));
        shopper.checkOut(key, "\"1\"", CartCalls.checkoutBody("tok_chargeDeclined")).then().statusCode(422)
                .body("type", equalTo("urn:bazaar:problem:idempotency-key-reused"));
        assertThat(ordersOf(customer)).isEqualTo(1);
        assertThat(peers.available(product)).isEqualTo(8);
    }

    /** Nobody buys at a price they did not see: a price that moved since their version is 412, like a change. */
    @Test
    void aPriceThatMovedSinceTheVersionSeenIs412EvenUnread() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID product = peers.product("Reading Lamp", 4_000, 10);
        shopper.set(product, 2).then().statusCode(200);
        String seen = shopper.etag();
        peers.reprice(product, 4_600);
        int reserves = peers.reserveCalls.get();

        shopper.checkOut(key(), seen).then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:cart-changed"))
                .body("cart.version", equalTo(2))
                .body("cart.lines[0].unitPrice.amount", equalTo(4_600))
                .body("cart.notices[0].type", equalTo("price-changed"))
                .body("cart.total.amount", equalTo(9_200));

        assertThat(ordersOf(customer)).isZero();
        assertThat(peers.reserveCalls.get()).as("nothing reserved").isEqualTo(reserves);
        shopper.checkOut(key(), "\"2\"").then().statusCode(201).body("total.amount", equalTo(9_200));
        shopper.view().then().body("lines", empty());
    }

    @Test
    void aStaleVersionIs412WithTheCartAsItIsNowAndOrdersNothing() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID product = peers.product("Lamp", 4_000, 10);
        shopper.set(product, 1).then().statusCode(200);
        String seen = shopper.etag();
        peers.reprice(product, 4_400);
        shopper.set(product, 2).then().statusCode(200);
        int reserves = peers.reserveCalls.get();

        shopper.checkOut(key(), seen).then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:cart-changed"))
                .body("cart.version", equalTo(2))
                .body("cart.lines[0].quantity", equalTo(2))
                .body("cart.lines[0].unitPrice.amount", equalTo(4_400))
                .body("cart.total.amount", equalTo(8_800));

        assertThat(ordersOf(customer)).isZero();
        assertThat(peers.reserveCalls.get()).isEqualTo(reserves);
        shopper.checkOut(key(), "\"2\"").then().statusCode(201).body("total.amount", equalTo(8_800));
    }

    @Test
    void withoutIfMatchIs428AndTheKeyIsNotUsedUp() {
        CartCalls shopper = CartCalls.shopper(tokens.customer(UUID.randomUUID()));
        UUID product = peers.product("Scarf", 2_000, 5);
        shopper.set(product, 1).then().statusCode(200);
        String key = key();

        shopper.checkOut(key, null).then().statusCode(428).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:cart-version-required"));
        shopper.checkOut(key, "W/\"1\"").then().statusCode(400).contentType("application/problem+json");
        shopper.checkOut(key, "*").then().statusCode(400);

        shopper.checkOut(key, "\"1\"").then().statusCode(201);
        assertThat(peers.available(product)).isEqualTo(4);
    }

    @Test
    void refusesACheckoutWithoutAKeyOrWithABadBodyAndWritesNothing() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID product = peers.product("Pen", 200, 5);
        shopper.set(product, 1).then().statusCode(200);

        shopper.checkOut(null, "\"1\"").then().statusCode(400)
                .body("type", equalTo("urn:bazaar:problem:idempotency-key-missing"));
        shopper.checkOut(key(), "\"1\"", "{\"paymentToken\": \"tok_visa\"}").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("shippingAddress"));
        shopper.checkOut(key(), "\"1\"", "{\"shippingAddress\": " + CartCalls.ADDRESS + ", \"paymentToken\": \"tok visa!\"}")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("paymentToken"));
        shopper.checkOut(key(), "\"1\"", "{\"shippingAddress\": " + CartCalls.ADDRESS
                + ", \"paymentToken\": \"tok_visa\", \"lines\": []}").then().statusCode(400);

        assertThat(ordersOf(customer)).isZero();
        shopper.view().then().body("version", equalTo(1)).body("lines", hasSize(1));
        assertThat(peers.available(product)).isEqualTo(5);
    }

    @Test
    void anEmptyCartIs422() {
        CartCalls shopper = CartCalls.shopper(tokens.customer(UUID.randomUUID()));

        shopper.checkOut(key(), "\"0\"").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:cart-empty"));
    }

    @Test
    void anArchivedProductInTheCartIs422NamingItAndNothingIsHeld() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID fine = peers.product("Fine", 1_000, 5);
        UUID archived = peers.product("Gone", 1_000, 5);
        shopper.set(fine, 1).then().statusCode(200);
        shopper.set(archived, 1).then().statusCode(200);
        peers.archive(archived);
        int reserves = peers.reserveCalls.get();

        shopper.view().then().body("notices[0].type", equalTo("product-archived"));
        shopper.checkOut(key(), "\"2\"").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:product-archived"))
                .body("productIds", equalTo(List.of(archived.toString())));

        assertThat(ordersOf(customer)).isZero();
        assertThat(peers.reserveCalls.get()).isEqualTo(reserves);
        shopper.view().then().body("lines", hasSize(2)).body("version", equalTo(2));
    }

    @Test
    void shortStockIs409WithTheShortLinesAndTheCartStays() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID vinyl = peers.product("Rare Vinyl", 4_000, 5);
        shopper.set(vinyl, 3).then().statusCode(200);
        peers.restock(vinyl, 1);

        shopper.checkOut(key(), "\"1\"").then().statusCode(409)
                .body("type", equalTo("urn:bazaar:problem:insufficient-stock"))
                .body("shortLines[0].productId", equalTo(vinyl.toString()))
                .body("shortLines[0].available", equalTo(1));

        assertThat(ordersOf(customer)).isZero();
        shopper.view().then().body("lines[0].quantity", equalTo(3)).body("version", equalTo(1));
    }

    @Test
    void whileCatalogIsDownCheckoutIs503AndTheCartStays() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID product = peers.product("Clock", 2_200, 5);
        shopper.set(product, 1).then().statusCode(200);
        peers.catalogDown.set(true);
        try {
            shopper.checkOut(key(), "\"1\"").then().statusCode(503).contentType("application/problem+json");
        } finally {
            peers.catalogDown.set(false);
        }
        assertThat(ordersOf(customer)).isZero();
        shopper.view().then().body("lines", hasSize(1)).body("version", equalTo(1));
    }

    @Test
    void ofTwoConcurrentCheckoutsOfOneCartOneOrdersAndTheOtherIs412() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID product = peers.product("Toaster", 4_200, 10);
        shopper.set(product, 2).then().statusCode(200);
        CountDownLatch gate = new CountDownLatch(1);
        peers.identityGate.set(gate);
        List<Response> answers;
        try {
            // both pass the version check, and wait at identity with it behind them
            List<CompletableFuture<Response>> checkouts = List.of(
                    CompletableFuture.supplyAsync(() -> shopper.checkOut(key(), "\"1\""), parallel),
                    CompletableFuture.supplyAsync(() -> shopper.checkOut(key(), "\"1\""), parallel));
            await().atMost(Duration.ofSeconds(10)).until(() -> peers.customersHeld.get() == 2);
            gate.countDown();
            answers = checkouts.stream().map(CompletableFuture::join).toList();
        } finally {
            peers.identityGate.set(null);
            gate.countDown();
        }

        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 412);
        Response refused = answers.stream().filter(r -> r.statusCode() == 412).findFirst().orElseThrow();
        refused.then().contentType("application/problem+json").body("cart.version", equalTo(2)).body("cart.lines", empty());
        assertThat(ordersOf(customer)).isEqualTo(1);
        // the loser's reservation is released again
        await().atMost(Duration.ofSeconds(5)).until(() -> peers.available(product) == 8);
    }

    @Test
    void aCartChangedWhileItsCheckoutRunsIs412AndTheReservationIsReleased() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID product = peers.product("Blender", 6_100, 10);
        UUID other = peers.product("Spoon", 100, 10);
        shopper.set(product, 1).then().statusCode(200);
        CountDownLatch gate = new CountDownLatch(1);
        peers.identityGate.set(gate);
        Response answer;
        try {
            CompletableFuture<Response> checkout = CompletableFuture.supplyAsync(() -> shopper.checkOut(key(), "\"1\""), parallel);
            await().atMost(Duration.ofSeconds(10)).until(() -> peers.customersHeld.get() == 1);
            shopper.set(other, 1).then().statusCode(200).body("version", equalTo(2));
            gate.countDown();
            answer = checkout.join();
        } finally {
            peers.identityGate.set(null);
            gate.countDown();
        }

        answer.then().statusCode(412).body("type", equalTo("urn:bazaar:problem:cart-changed"))
                .body("cart.version", equalTo(2)).body("cart.lines", hasSize(2));
        assertThat(ordersOf(customer)).isZero();
        assertThat(peers.available(product)).isEqualTo(10);
        shopper.view().then().body("lines", hasSize(2));
    }

    @Test
    void aReplayAfterTheAnswerWasLostAnswersFromTheStoredOrder() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID product = peers.product("Mug", 900, 10);
        shopper.set(product, 1).then().statusCode(200);
        String key = key();
        Response first = shopper.checkOut(key, "\"1\"");
        first.then().statusCode(201);
        jdbc.sql("""
                update idempotency_keys set response_status = null, response_headers = null, response_body = null
                where idempotency_key = ?""").param(key).update();

        shopper.checkOut(key, "\"1\"").then().statusCode(201).body("id", equalTo(first.path("id")));

        assertThat(ordersOf(customer)).isEqualTo(1);
        assertThat(peers.available(product)).isEqualTo(9);
    }

    @Test
    void aGuestFillsACartSignsInMergesChangesAQuantityAndChecksOut() {
        UUID customer = UUID.randomUUID();
        UUID book = peers.product("Novel", 1_800, 10);
        UUID pen = peers.product("Fountain Pen", 4_500, 10);
        String guestCart = CartCalls.newGuestCart();
        CartCalls.guest(guestCart).set(book, 1).then().statusCode(200);
        CartCalls.guest(guestCart).set(pen, 1).then().statusCode(200);
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));

        shopper.merge(guestCart).then().statusCode(200).body("version", equalTo(1));
        shopper.set(book, 2).then().statusCode(200).body("version", equalTo(2));
        shopper.checkOut(key(), shopper.etag()).then().statusCode(201)
                .body("lines.productId", equalTo(List.of(book.toString(), pen.toString())))
                .body("lines.quantity", equalTo(List.of(2, 1)))
                .body("total.amount", equalTo(8_100));

        shopper.view().then().body("lines", empty());
        CartCalls.guest(guestCart).view().then().statusCode(404);
    }
}
