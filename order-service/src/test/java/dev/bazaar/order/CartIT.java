package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The cart of a shopper and of a guest: lines, versions, prices and notices, limits and refusals. */
class CartIT extends OrderIntegrationTest {

    /** one thread per request: the common pool may have a single thread on a small machine */
    private static final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();

    private static CartCalls newShopper() {
        return CartCalls.shopper(tokens.customer(UUID.randomUUID()));
    }

    private long cartRows() {
        return jdbc.sql("select count(*) from carts").query(Long.class).single();
    }

    private long lineRows() {
        return jdbc.sql("select count(*) from cart_lines").query(Long.class).single();
    }

    @Test
    void aShopperWithoutACartReadsAnEmptyOneAtVersionZeroAndNothingIsWritten() {
        long before = cartRows();

        newShopper().view().then().statusCode(200).contentType(ContentType.JSON)
                .header("ETag", "\"0\"")
                .body("version", equalTo(0))
                .body("lines", empty())
                .body("notices", empty())
                .body("itemCount", equalTo(0))
                .body("total", nullValue());

        assertThat(cartRows()).isEqualTo(before);
    }

    @Test
    void showsEachLinePricedByCatalogWithItsTotalAndTheCartsTotal() {
        CartCalls shopper = newShopper();
        UUID headphones = peers.product("Aurora Headphones", 12_999, 10);
        UUID cable = peers.product("Cable", 500, 10);

        shopper.set(headphones, 2).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
        shopper.set(cable, 3).then().statusCode(200).header("ETag", "\"2\"");

        shopper.view().then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("lines", hasSize(2))
                .body("lines[0].productId", equalTo(headphones.toString()))
                .body("lines[0].name", equalTo("Aurora Headphones"))
                .body("lines[0].unitPrice.amount", equalTo(12_999))
                .body("lines[0].unitPrice.currency", equalTo("EUR"))
                .body("lines[0].quantity", equalTo(2))
                .body("lines[0].lineTotal.amount", equalTo(25_998))
                .body("lines[0].availability.inStock", equalTo(true))
                .body("lines[0].availability.available", nullValue())
                .body("lines[1].productId", equalTo(cable.toString()))
                .body("total.amount", equalTo(27_498))
                .body("total.currency", equalTo("EUR"))
                .body("itemCount", equalTo(5))
                .body("notices", empty());
    }

    @Test
    void everyChangeMovesTheVersionOnAndAChangeThatChangesNothingKeepsIt() {
        CartCalls shopper = newShopper();
        UUID mug = peers.product("Mug", 900, 10);

        shopper.set(mug, 2).then().body("version", equalTo(1));
        shopper.set(mug, 5).then().body("version", equalTo(2)).body("lines[0].quantity", equalTo(5));
        shopper.set(mug, 5).then().body("version", equalTo(2));
        shopper.remove(UUID.randomUUID()).then().statusCode(200).body("version", equalTo(2));
        shopper.set(mug, 0).then().statusCode(200).body("version", equalTo(3)).body("lines", empty());
        shopper.set(mug, 1).then().body("version", equalTo(4));
        shopper.remove(mug).then().statusCode(200).header("ETag", "\"5\"").body("lines", empty());
        shopper.set(mug, 1).then().body("version", equalTo(6));
        shopper.clear().then().statusCode(200).body("version", equalTo(7)).body("lines", empty());
        shopper.clear().then().statusCode(200).body("version", equalTo(7));
    }

    @Test
    void aGuestMakesACartUsesItByItsIdAndTheIdItselfIsNeverStored() throws Exception {
        UUID kettle = peers.product("Kettle", 2_500, 10);

        Response created = given().when().post("/api/carts");

        created.then().statusCode(201).contentType(ContentType.JSON);
        String cartId = created.path("cartId");
        assertThat(cartId).matches("[A-Za-z0-9_-]{43}");
        CartCalls guest = CartCalls.guest(cartId);
        guest.view().then().statusCode(200).body("version", equalTo(0)).body("lines", empty());
        guest.set(kettle, 2).then().statusCode(200).body("version", equalTo(1)).body("lines[0].quantity", equalTo(2));
        guest.view().then().statusCode(200).header("ETag", "\"1\"").body("lines[0].name", equalTo("Kettle"));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(cartId.getBytes(StandardCharsets.US_ASCII));
        assertThat(jdbc.sql("select count(*) from carts where guest_token_hash = ?").param(hash)
                .query(Long.class).single()).isEqualTo(1);
        String everything = jdbc.sql("select (select string_agg(c::text, ',') from carts c) || ','"
                + " || (select string_agg(l::text, ',') from cart_lines l)").query(String.class).single();
        assertThat(everything).doesNotContain(cartId);
        assertThat(CartCalls.newGuestCart()).isNotEqualTo(cartId);
    }

    @Test
    void aTokenReachesItsOwnCartWhateverCartIdItSends() {
        UUID book = peers.product("Book", 1_500, 10);
        String guestCart = CartCalls.newGuestCart();
        CartCalls.guest(guestCart).set(book, 3).then().statusCode(200);
        String token = tokens.customer(UUID.randomUUID());

        CartCalls.shopper(token).request().header("X-Cart-Id", guestCart).when().get("/api/cart")
                .then().statusCode(200).body("lines", empty());
        CartCalls.shopper(token).request().header("X-Cart-Id", guestCart).contentType(ContentType.JSON)
                .body("{\"quantity\": 1}").when().put("/api/cart/lines/" + book).then().statusCode(200);

        CartCalls.guest(guestCart).view().then().body("lines[0].quantity", equalTo(3)).body("version", equalTo(1));
        CartCalls.shopper(token).view().then().body("lines[0].quantity", equalTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "malformed", "merged", "expired"})
    void aGuestCartIdThatOpensNoCartIs404AlikeForEveryCallAndChangesNothing(String kind) {
        UUID product = peers.product("Lamp", 3_000, 5);
        String cartId = switch (kind) {
            case "unknown" -> "A".repeat(43);
            case "malformed" -> "not a cart id";
            case "merged" -> {
                String id = CartCalls.newGuestCart();
                newShopper().merge(id).then().statusCode(200);
                yield id;
            }
            default -> {
                String id = CartCalls.newGuestCart();
                jdbc.sql("update carts set updated_at = now() - interval '8 days' where guest_token_hash = ?")
                        .param(sha256(id)).update();
                yield id;
            }
        };
        long carts = cartRows();
        long lines = lineRows();
        CartCalls guest = CartCalls.guest(cartId);

        for (Response response : List.of(guest.view(), guest.set(product, 1), guest.set(product, 0), guest.remove(product),
                guest.clear(), newShopper().merge(cartId))) {
            response.then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("urn:bazaar:problem:cart-not-found"))
                    .body("detail", equalTo("No cart with this id for you."));
        }
        assertThat(cartRows()).isEqualTo(carts);
        assertThat(lineRows()).isEqualTo(lines);
    }

    @Test
    void neitherATokenNorACartIdIs401() {
        given().when().get("/api/cart").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:unauthorized"));
        given().contentType(ContentType.JSON).body("{\"quantity\": 1}")
                .when().put("/api/cart/lines/" + UUID.randomUUID()).then().statusCode(401);
        given().when().delete("/api/cart").then().statusCode(401);
    }

    @Test
    void mergingAndCheckingOutNeedAShoppersToken() {
        String guestCart = CartCalls.newGuestCart();
        given().contentType(ContentType.JSON).body("{\"cartId\": \"" + guestCart + "\"}")
                .when().post("/api/cart/merge").then().statusCode(401).contentType("application/problem+json");
        CartCalls.guest(guestCart).checkOut("k-" + UUID.randomUUID(), "\"0\"")
                .then().statusCode(401).contentType("application/problem+json");
        CartCalls.shopper(tokens.service("payment-service")).view().then().statusCode(403)
                .body("type", equalTo("urn:bazaar:problem:not-a-shopper"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"quantity\": 101}|quantity",
            "{\"quantity\": -1}|quantity",
            "{\"quantity\": 1.5}|quantity",
            "{\"quantity\": \"2\"}|quantity",
            "{}|quantity",
            "{\"quantity\": null}|quantity",
            "{\"quantity\": 1, \"unitPrice\": 1}|unitPrice",
            "{\"quantity\": 1|malformed",
            "[1]|malformed"})
    void refusesABadLineNamingTheFieldAndChangesNothing(String example) {
        CartCalls shopper = newShopper();
        UUID product = peers.product("Cup", 500, 5);
        shopper.set(product, 1).then().statusCode(200);
        String[] parts = example.split("\\|");

        var refused = shopper.set(product, parts[0]).then().statusCode(400).contentType("application/problem+json");

        if (!parts[1].equals("malformed")) {
            refused.body("errors.field", hasItem(parts[1]));
        }
        shopper.view().then().body("version", equalTo(1)).body("lines[0].quantity", equalTo(1));
    }

    @Test
    void refusesAProductIdThatIsNoUuidAndBodiesThatAreNoJson() {
        CartCalls shopper = newShopper();
        long before = cartRows();

        shopper.request().contentType(ContentType.JSON).body("{\"quantity\": 1}").when().put("/api/cart/lines/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json");
        shopper.request().when().delete("/api/cart/lines/42").then().statusCode(400).contentType("application/problem+json");
        shopper.request().contentType(ContentType.TEXT).body("quantity=1").when().put("/api/cart/lines/" + UUID.randomUUID())
                .then().statusCode(415).contentType("application/problem+json");

        assertThat(cartRows()).isEqualTo(before);
    }

    @Test
    void anUnknownOrArchivedProductIs422AndChangesNothing() {
        CartCalls shopper = newShopper();
        UUID archived = peers.product("Old Radio", 4_000, 5);
        peers.archive(archived);
        long before = cartRows();
        UUID unknown = UUID.randomUUID();

        shopper.set(unknown, 1).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:unknown-product"))
                .body("productIds", equalTo(List.of(unknown.toString())));
        shopper.set(archived, 1).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:product-archived"))
                .body("productIds", equalTo(List.of(archived.toString())));

        assertThat(cartRows()).isEqualTo(before);
    }

    @Test
    void holdsAtMostFiftyLinesAndAFiftyFirstChangesNothing() {
        CartCalls shopper = newShopper();
        List<UUID> products = IntStream.range(0, 51).mapToObj(i -> peers.product("Bead " + i, 10, 100)).toList();
        products.subList(0, 50).forEach(p -> shopper.set(p, 1).then().statusCode(200));

        shopper.set(products.get(50), 1).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:cart-full"))
                .body("maxLines", equalTo(50));

        shopper.set(products.get(3), 100).then().statusCode(200).body("version", equalTo(51));
        shopper.view().then().body("lines", hasSize(50)).body("version", equalTo(51));
    }

    @Test
    void concurrentChangesOfOneCartLoseNoLine() {
        CartCalls shopper = newShopper();
        List<UUID> products = IntStream.range(0, 8).mapToObj(i -> peers.product("Sock " + i, 300, 100)).toList();

        List<CompletableFuture<Response>> puts = products.stream()
                .map(p -> CompletableFuture.supplyAsync(() -> shopper.set(p, 2), parallel)).toList();
        puts.forEach(put -> assertThat(put.join().statusCode()).isEqualTo(200));

        JsonPath cart = shopper.view().then().statusCode(200).extract().jsonPath();
        assertThat(cart.getList("lines.productId")).containsExactlyInAnyOrderElementsOf(
                products.stream().map(UUID::toString).toList());
        assertThat(cart.getInt("version")).isEqualTo(8);
    }

    @Test
    void noticesAPriceChangeSinceTheLineWasSetWithBothPrices() {
        CartCalls shopper = newShopper();
        UUID lamp = peers.product("Desk Lamp", 4_000, 10);
        shopper.set(lamp, 2).then().statusCode(200);

        peers.reprice(lamp, 4_500);

        // a price that moved is a change the shopper must see before buying: the version moves on
        shopper.view().then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("lines[0].unitPrice.amount", equalTo(4_500))
                .body("lines[0].lineTotal.amount", equalTo(9_000))
                .body("total.amount", equalTo(9_000))
                .body("notices", hasSize(1))
                .body("notices[0].type", equalTo("price-changed"))
                .body("notices[0].productId", equalTo(lamp.toString()))
                .body("notices[0].previousPrice.amount", equalTo(4_000))
                .body("notices[0].currentPrice.amount", equalTo(4_500));
        shopper.view().then().body("version", equalTo(2)); // seen once, the same price moves nothing
        // setting the line again takes the price the shopper now sees
        shopper.set(lamp, 3).then().body("version", equalTo(3)).body("notices", empty());
    }

    @Test
    void flagsArchivedOutOfStockAndShortLines() {
        CartCalls shopper = newShopper();
        UUID archived = peers.product("Vase", 2_000, 10);
        UUID soldOut = peers.product("Poster", 700, 10);
        UUID short_ = peers.product("Chair", 9_000, 10);
        shopper.set(archived, 1).then().statusCode(200);
        shopper.set(soldOut, 1).then().statusCode(200);
        shopper.set(short_, 5).then().statusCode(200);

        peers.archive(archived);
        peers.restock(soldOut, 0);
        peers.restock(short_, 2);

        JsonPath cart = shopper.view().then().statusCode(200).extract().jsonPath();
        assertThat(cart.getList("notices", Map.class)).containsExactly(
                Map.of("type", "product-archived", "productId", archived.toString()),
                Map.of("type", "out-of-stock", "productId", soldOut.toString()),
                Map.of("type", "fewer-available", "productId", short_.toString(), "wanted", 5, "available", 2));
        assertThat(cart.getMap("lines[0].availability")).isEqualTo(Map.of("inStock", false, "available", 0));
        assertThat(cart.getMap("lines[1].availability")).isEqualTo(Map.of("inStock", false, "available", 0));
        assertThat(cart.getMap("lines[2].availability")).isEqualTo(Map.of("inStock", true, "available", 2));
    }

    @Test
    void whileCatalogIsUnreachableTheCartAnswersAtTheLastPricesItSawAndSaysTheyMayBeStale() {
        CartCalls shopper = newShopper();
        UUID globe = peers.product("Globe", 1_500, 10);
        shopper.set(globe, 2).then().statusCode(200);
        peers.reprice(globe, 1_800);
        shopper.view().then().body("lines[0].unitPrice.amount", equalTo(1_800));
        peers.catalogDown.set(true);
        try {
            shopper.view().then().statusCode(200)
                    .header("ETag", "\"2\"")
                    .body("lines[0].name", equalTo("Globe"))
                    .body("lines[0].unitPrice.amount", equalTo(1_800))
                    .body("lines[0].lineTotal.amount", equalTo(3_600))
                    .body("lines[0].availability", nullValue())
                    .body("total.amount", equalTo(3_600))
                    .body("notices.type", equalTo(List.of("prices-may-be-stale", "price-changed")))
                    .body("notices[1].previousPrice.amount", equalTo(1_500))
                    .body("notices[1].currentPrice.amount", equalTo(1_800));
            // changing a line needs catalog's price: refused, nothing written; taking one out does not
            shopper.set(globe, 3).then().statusCode(503).contentType("application/problem+json");
            shopper.remove(globe).then().statusCode(200).body("version", equalTo(3)).body("lines", empty());
        } finally {
            peers.catalogDown.set(false);
        }
    }

    @Test
    void mergeAddsTheGuestsLinesCappedAndDeletesTheGuestCart() {
        UUID both = peers.product("Pencil", 100, 500);
        UUID guestOnly = peers.product("Eraser", 50, 500);
        UUID shopperOnly = peers.product("Ruler", 300, 500);
        String guestCart = CartCalls.newGuestCart();
        CartCalls guest = CartCalls.guest(guestCart);
        guest.set(both, 70).then().statusCode(200);
        guest.set(guestOnly, 2).then().statusCode(200);
        CartCalls shopper = newShopper();
        shopper.set(both, 40).then().statusCode(200);
        shopper.set(shopperOnly, 1).then().statusCode(200);

        shopper.merge(guestCart).then().statusCode(200).header("ETag", "\"3\"")
                .body("version", equalTo(3))
                .body("lines.productId", equalTo(List.of(both.toString(), shopperOnly.toString(), guestOnly.toString())))
                .body("lines.quantity", equalTo(List.of(100, 1, 2)));

        guest.view().then().statusCode(404);
        shopper.merge(guestCart).then().statusCode(404);
        assertThat(jdbc.sql("select count(*) from carts where guest_token_hash = ?").param(sha256(guestCart))
                .query(Long.class).single()).isZero();
    }

    @Test
    void mergeIntoAFullCartLeavesOutTheGuestLinesBeyondTheFiftieth() {
        CartCalls shopper = newShopper();
        IntStream.range(0, 49).forEach(i -> shopper.set(peers.product("Shell " + i, 10, 10), 1).then().statusCode(200));
        String guestCart = CartCalls.newGuestCart();
        UUID first = peers.product("Pearl", 10, 10);
        UUID second = peers.product("Coral", 10, 10);
        CartCalls.guest(guestCart).set(first, 1).then().statusCode(200);
        CartCalls.guest(guestCart).set(second, 1).then().statusCode(200);

        JsonPath cart = shopper.merge(guestCart).then().statusCode(200).extract().jsonPath();

        assertThat(cart.getList("lines")).hasSize(50);
        assertThat(cart.getList("lines.productId")).contains(first.toString()).doesNotContain(second.toString());
        CartCalls.guest(guestCart).view().then().statusCode(404);
    }

    @Test
    void mergeRefusesABodyWithoutACartId() {
        CartCalls shopper = newShopper();
        shopper.request().contentType(ContentType.JSON).body("{}").when().post("/api/cart/merge")
                .then().statusCode(400).body("errors.field", hasItem("cartId"));
        shopper.request().contentType(ContentType.JSON).body("{\"cartId\": 7}").when().post("/api/cart/merge")
                .then().statusCode(400).contentType("application/problem+json");
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
