package dev.bazaar.e2e.cart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.Shoppers;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The cart across real processes, entered only through the gateway: a guest's cart merged after
 * signing in and checked out into a confirmed order, a price that changes under a cart, an
 * archived product in one, a merged guest cart id that opens nothing, and two checkouts of one
 * cart at once. Every product is the test's own: the demo products stay as they are.
 */
class CartIT {

    static RunningBazaar bazaar;
    static String gateway;
    static String admin;

    @BeforeAll
    static void startBazaar() {
        bazaar = RunningBazaar.get();
        gateway = bazaar.gateway();
        admin = Shoppers.admin(bazaar);
    }

    private static Response set(String token, String cartId, UUID product, int quantity) {
        return Carts.setLineSettled(gateway, token, cartId, product, quantity);
    }

    private static JsonPath cartOf(String token, String cartId) {
        return Carts.view(gateway, token, cartId).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath orderOf(Shoppers.Shopper shopper, String orderId) {
        return given().baseUri(gateway).auth().oauth2(shopper.token()).when().get("/api/orders/{id}", orderId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static int ordersOf(Shoppers.Shopper shopper) {
        return given().baseUri(gateway).auth().oauth2(shopper.token()).when().get("/api/orders")
                .then().statusCode(200).extract().path("totalItems");
    }

    private static JsonPath stock(UUID product) {
        return given().baseUri(gateway).auth().oauth2(admin).when().get("/api/catalog/admin/products/{id}/stock", product)
                .then().statusCode(200).extract().jsonPath();
    }

    /** product, quantity and unit price of each line, in order: what a cart and an order must agree on. */
    private static List<String> linesOf(JsonPath cartOrOrder) {
        List<Map<String, Object>> lines = cartOrOrder.getList("lines");
        return lines.stream().map(l -> l.get("productId") + " x" + l.get("quantity") + " at "
                + ((Map<?, ?>) l.get("unitPrice")).get("amount")).toList();
    }

    @Test
    void aGuestsCartMergedAfterSigningInIsCheckedOutIntoAConfirmedOrderAndEmptied() {
        UUID cup = Carts.newProduct(gateway, admin, "Cart Espresso Cup", 1250, 10);
        UUID saucer = Carts.newProduct(gateway, admin, "Cart Saucer", 800, 10);

        // a guest fills a cart
        Response made = Carts.as(gateway, null, null).post("/api/carts");
        assertThat(made.statusCode()).isEqualTo(201);
        assertThat(made.header("ETag")).isEqualTo("\"0\"");
        String guestCart = made.path("cartId");
        assertThat(set(null, guestCart, cup, 2).statusCode()).isEqualTo(200);
        Response guestView = set(null, guestCart, saucer, 1);
        assertThat(guestView.statusCode()).isEqualTo(200);
        assertThat(Carts.etag(guestView)).isEqualTo("\"2\"");
        JsonPath guest = cartOf(null, guestCart);
        assertThat(linesOf(guest)).containsExactly(cup + " x2 at 1250", saucer + " x1 at 800");
        assertThat(guest.getLong("total.amount")).isEqualTo(3300);
        assertThat(guest.getInt("itemCount")).isEqualTo(3);

        // signs in (a shopper who already had a cup in their cart) and merges
        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        assertThat(set(shopper.token(), null, cup, 1).statusCode()).isEqualTo(200);
        Response merged = Carts.merge(gateway, shopper.token(), guestCart);
        assertThat(merged.statusCode()).as(merged.asString()).isEqualTo(200);
        assertThat(linesOf(merged.jsonPath())).containsExactly(cup + " x3 at 1250", saucer + " x1 at 800");
        assertThat(Carts.view(gateway, null, guestCart).statusCode()).as("the merged guest cart").isEqualTo(404);

        // changes a quantity, then checks out the cart as it now shows
        assertThat(set(shopper.token(), null, cup, 2).statusCode()).isEqualTo(200);
        Response shown = Carts.view(gateway, shopper.token(), null);
        JsonPath cart = shown.jsonPath();
        assertThat(linesOf(cart)).containsExactly(cup + " x2 at 1250", saucer + " x1 at 800");
        Response placed = Carts.checkOutSettled(gateway, shopper.token(), UUID.randomUUID().toString(), Carts.etag(shown));

        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        String orderId = placed.path("id");
        assertThat(placed.header("Location")).isEqualTo("/api/orders/" + orderId);
        await().atMost(Duration.ofSeconds(60)).until(() -> orderOf(shopper, orderId).getString("status").equals("CONFIRMED"));
        JsonPath order = orderOf(shopper, orderId);
        assertThat(linesOf(order)).isEqualTo(linesOf(cart));
        assertThat(order.getLong("total.amount")).isEqualTo(cart.getLong("total.amount")).isEqualTo(3300);
        Response after = Carts.view(gateway, shopper.token(), null);
        assertThat(after.jsonPath().getList("lines")).isEmpty();
        assertThat(after.jsonPath().getInt("itemCount")).isZero();
        assertThat(after.jsonPath().getString("total")).isNull();
        assertThat(after.jsonPath().getInt("version")).isEqualTo(cart.getInt("version") + 1);
    }

    /**
     * Nobody buys what they did not see: after an admin changes a price, a checkout sent with the
     * version the shopper saw before is refused with the cart at the new price; the cart shows the
     * new price with a notice at a new version; a checkout with that version orders at the new
     * price, and sending it again returns the same order.
     */
    @Test
    void aPriceChangedSinceAddingIsShownAndOrderedOnlyAtTheVersionThatShowsIt() {
        UUID kettle = Carts.newProduct(gateway, admin, "Cart Kettle", 1000, 10);
        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        String added = Carts.etag(set(shopper.token(), null, kettle, 2));

        Carts.reprice(gateway, admin, kettle, 1500);

        Response stale = Carts.checkOutSettled(gateway, shopper.token(), UUID.randomUUID().toString(), added);
        assertThat(stale.statusCode()).as(stale.asString()).isEqualTo(412);
        assertThat(stale.jsonPath().getString("type")).isEqualTo("urn:bazaar:problem:cart-changed");
        assertThat(stale.jsonPath().getLong("cart.lines[0].unitPrice.amount")).isEqualTo(1500);
        assertThat(ordersOf(shopper)).as("nothing ordered at the version from before the price change").isZero();

        JsonPath repriced = cartOf(shopper.token(), null);
        assertThat(linesOf(repriced)).containsExactly(kettle + " x2 at 1500");
        assertThat(repriced.getLong("lines[0].lineTotal.amount")).isEqualTo(3000);
        assertThat(repriced.getList("notices")).containsExactly(Map.of("type", "price-changed",
                "productId", kettle.toString(),
                "previousPrice", Map.of("amount", 1000, "currency", "EUR"),
                "currentPrice", Map.of("amount", 1500, "currency", "EUR")));
        String current = "\"" + repriced.getInt("version") + "\"";
        assertThat(current).isNotEqualTo(added).isEqualTo("\"" + stale.jsonPath().getInt("cart.version") + "\"");

        String key = UUID.randomUUID().toString();
        Response placed = Carts.checkOutSettled(gateway, shopper.token(), key, current);
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        assertThat(placed.jsonPath().getLong("lines[0].unitPrice.amount")).isEqualTo(1500);
        assertThat(placed.jsonPath().getLong("total.amount")).isEqualTo(3000);
        Response replayed = Carts.checkOutSettled(gateway, shopper.token(), key, current);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.<String>path("id")).isEqualTo(placed.path("id"));
        assertThat(ordersOf(shopper)).isEqualTo(1);
    }

    @Test
    void anArchivedProductsLineIsFlaggedAndCheckoutRefusedNamingItUntilTheLineGoes() {
        UUID lamp = Carts.newProduct(gateway, admin, "Cart Lamp", 900, 10);
        UUID shade = Carts.newProduct(gateway, admin, "Cart Shade", 700, 10);
        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        set(shopper.token(), null, lamp, 1);
        set(shopper.token(), null, shade, 1);

        Carts.archive(gateway, admin, lamp);

        Response shown = Carts.view(gateway, shopper.token(), null);
        JsonPath cart = shown.jsonPath();
        assertThat(cart.getMap("lines[0].availability")).isEqualTo(Map.of("inStock", false, "available", 0));
        assertThat(cart.getMap("lines[1].availability")).isEqualTo(Map.of("inStock", true));
        assertThat(cart.getList("notices")).containsExactly(Map.of("type", "product-archived", "productId", lamp.toString()));
        Response refused = Carts.checkOutSettled(gateway, shopper.token(), UUID.randomUUID().toString(), Carts.etag(shown));
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:bazaar:problem:product-archived");
        assertThat(refused.jsonPath().getList("productIds")).containsExactly(lamp.toString());
        assertThat(Carts.etag(Carts.view(gateway, shopper.token(), null))).as("the cart as it was").isEqualTo(Carts.etag(shown));
        assertThat(stock(shade).getInt("reserved")).as("no stock held for the refused checkout").isZero();

        Response without = Carts.as(gateway, shopper.token(), null).delete("/api/cart/lines/" + lamp);
        assertThat(without.statusCode()).isEqualTo(200);
        Response placed = Carts.checkOutSettled(gateway, shopper.token(), UUID.randomUUID().toString(), Carts.etag(without));
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        assertThat(linesOf(placed.jsonPath())).containsExactly(shade + " x1 at 700");
    }

    /**
     * A shopper's cart has no id anyone could send: only their token reaches it. The one id that
     * ever named it, the guest cart's merged into it, answers 404 to anyone after the merge; a
     * shopper who sends it anyway reaches their own cart, and a guest cannot check out at all.
     */
    @Test
    void anotherShoppersMergedCartIdIsNotFoundToReadChangeMergeOrCheckOut() {
        UUID mug = Carts.newProduct(gateway, admin, "Cart Mug", 600, 10);
        String guestCart = Carts.newGuestCart(gateway);
        set(null, guestCart, mug, 3);
        Shoppers.Shopper owner = Shoppers.register(bazaar);
        assertThat(Carts.merge(gateway, owner.token(), guestCart).statusCode()).isEqualTo(200);
        String ownersVersion = Carts.etag(Carts.view(gateway, owner.token(), null));
        Shoppers.Shopper stranger = Shoppers.register(bazaar);

        Response read = Carts.view(gateway, null, guestCart);
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.jsonPath().getString("type")).isEqualTo("urn:bazaar:problem:cart-not-found");
        assertThat(Carts.setLine(gateway, null, guestCart, mug, 1).statusCode()).isEqualTo(404);
        assertThat(Carts.as(gateway, null, guestCart).delete("/api/cart/lines/" + mug).statusCode()).isEqualTo(404);
        assertThat(Carts.as(gateway, null, guestCart).delete("/api/cart").statusCode()).isEqualTo(404);
        Response merged = Carts.merge(gateway, stranger.token(), guestCart);
        assertThat(merged.statusCode()).isEqualTo(404);
        assertThat(merged.jsonPath().getString("type")).isEqualTo("urn:bazaar:problem:cart-not-found");
        Response guestCheckout = Carts.as(gateway, null, guestCart).contentType("application/json").body(Carts.CHECKOUT)
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", ownersVersion)
                .post("/api/cart/checkout");
        assertThat(guestCheckout.statusCode()).as("a guest checking out").isEqualTo(401);
        Response own = Carts.view(gateway, stranger.token(), guestCart);
        assertThat(own.jsonPath().getList("lines")).as("with a token, X-Cart-Id is ignored").isEmpty();
        Response strangersCheckout = Carts.as(gateway, stranger.token(), guestCart).contentType("application/json")
                .body(Carts.CHECKOUT).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("If-Match", ownersVersion).post("/api/cart/checkout");
        assertThat(strangersCheckout.statusCode()).as(strangersCheckout.asString()).isIn(412, 422);
        assertThat(strangersCheckout.asString()).doesNotContain(mug.toString());

        JsonPath ownersCart = cartOf(owner.token(), null);
        assertThat(linesOf(ownersCart)).containsExactly(mug + " x3 at 600");
        assertThat("\"" + ownersCart.getInt("version") + "\"").isEqualTo(ownersVersion);
        assertThat(ordersOf(stranger)).isZero();
    }

    @Test
    void twoCheckoutsOfOneCartAtOnceMakeOneOrderAndOne412() throws Exception {
        UUID teapot = Carts.newProduct(gateway, admin, "Cart Teapot", 2000, 20);
        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        String version = Carts.etag(set(shopper.token(), null, teapot, 2));
        CountDownLatch ready = new CountDownLatch(2);
        List<Future<Response>> answers;
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            answers = List.of(two.submit(() -> checkOutTogether(ready, shopper, version)),
                    two.submit(() -> checkOutTogether(ready, shopper, version)));
        }

        List<Response> settled = List.of(answers.get(0).get(), answers.get(1).get());
        assertThat(settled.stream().map(Response::statusCode).sorted().toList())
                .as(settled.stream().map(Response::asString).toList().toString()).containsExactly(201, 412);
        Response lost = settled.stream().filter(r -> r.statusCode() == 412).findFirst().orElseThrow();
        assertThat(lost.jsonPath().getList("cart.lines")).as("the cart the winner emptied").isEmpty();
        assertThat(ordersOf(shopper)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath stock = stock(teapot);
            assertThat(List.of(stock.getInt("available"), stock.getInt("reserved"), stock.getInt("sold")))
                    .as("one order's stock sold, the other's reservation released").containsExactly(18, 0, 2);
        });
    }

    private static Response checkOutTogether(CountDownLatch ready, Shoppers.Shopper shopper, String version)
            throws InterruptedException {
        ready.countDown();
        ready.await();
        return Carts.checkOutSettled(gateway, shopper.token(), UUID.randomUUID().toString(), version);
    }
}
