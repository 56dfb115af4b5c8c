package dev.bazaar.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * What a shopper does at Bazaar's gateway, as Gatling chains. Every chain runs as a
 * signed-in shopper (its token in the session), so each spends its own rate-limit budget
 * at the gateway as a real shopper would, instead of all sharing one address' budget.
 */
final class Storefront {

    private static final String ADDRESS = """
            {"name": "Load Shopper", "line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"}""";

    private final Catalog catalog;
    private final Shoppers shoppers;

    Storefront(Catalog catalog, Shoppers shoppers) {
        this.catalog = catalog;
        this.shoppers = shoppers;
    }

    static HttpProtocolBuilder protocol(LoadProfile profile) {
        return http.baseUrl(profile.gateway())
                .acceptHeader("application/json")
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                // one connection pool for the run, like a front end's, not a new connection per arrival
                .shareConnections();
    }

    /** Takes the next shopper (in turn) for this arrival. */
    ChainBuilder signedIn() {
        return exec(session -> session.set("token", shoppers.next().token));
    }

    ChainBuilder home() {
        return exec(http("categories").get("/api/catalog/categories").check(status().is(200)));
    }

    ChainBuilder search() {
        return exec(http("search").get(session -> "/api/catalog/products?inStock=true&q="
                + URLEncoder.encode(Catalog.anySearchTerm(), StandardCharsets.UTF_8))
                .check(status().is(200)));
    }

    ChainBuilder browseCategory() {
        return exec(http("browse category").get(session -> "/api/catalog/products?category=" + catalog.anyCategory()
                + "&sort=price,asc&size=20").check(status().is(200)));
    }

    ChainBuilder productPage() {
        return exec(http("product page").get(session -> "/api/catalog/products/" + catalog.anyProduct())
                .check(status().is(200)));
    }

    /** Places an order for one unit of a stocked product, paying with tok_visa; keeps its id. */
    ChainBuilder placeOrder() {
        return exec(session -> session.set("idempotencyKey", UUID.randomUUID().toString())
                .set("productId", catalog.anyCheckoutProduct()))
                .exec(http("place order").post("/api/orders")
                        .header("Idempotency-Key", "#{idempotencyKey}")
                        .header("Content-Type", "application/json")
                        .body(StringBody(session -> """
                                {"lines": [{"productId": "%s", "quantity": 1}], "shippingAddress": %s, "paymentToken": "tok_visa"}"""
                                .formatted(session.getString("productId"), ADDRESS)))
                        .check(status().is(201), jsonPath("$.id").saveAs("orderId")));
    }

    /**
     * Fills a cart and checks it out as a front end does: adds one unit of a stocked product,
     * views the cart (its ETag is the version the shopper saw) and checks out with that version as
     * If-Match. The arrival takes a shopper whose cart no other arrival is using (see
     * {@link Shoppers#claimCart}); in the rare moment when every cart is in use, it views a product
     * page instead. Signed-in shoppers need no guest cart (POST /api/carts).
     */
    ChainBuilder checkOutCart() {
        return exec(session -> {
            Shoppers.Shopper shopper = shoppers.claimCart();
            return shopper == null ? session.set("cartShopper", "none")
                    : session.set("cartShopper", shopper).set("token", shopper.token)
                            .set("idempotencyKey", UUID.randomUUID().toString())
                            .set("productId", catalog.anyCheckoutProduct());
        }).doIfOrElse(session -> session.get("cartShopper") instanceof Shoppers.Shopper).then(
                exec(http("add to cart").put("/api/cart/lines/#{productId}")
                        .header("Content-Type", "application/json")
                        .body(StringBody("{\"quantity\": 1}"))
                        .check(status().is(200)))
                .exec(http("view cart").get("/api/cart")
                        .check(status().is(200), header("ETag").saveAs("cartVersion"),
                                jsonPath("$.itemCount").ofInt().gte(1)))
                .exec(http("check out").post("/api/cart/checkout")
                        .header("Idempotency-Key", "#{idempotencyKey}")
                        .header("If-Match", "#{cartVersion}")
                        .header("Content-Type", "application/json")
                        .body(StringBody("""
                                {"shippingAddress": %s, "paymentToken": "tok_visa"}""".formatted(ADDRESS)))
                        .check(status().is(201), jsonPath("$.id").saveAs("orderId")))
                // whatever the answers were: the next arrival may use this cart
                .exec(session -> {
                    Shoppers.releaseCart(session.get("cartShopper"));
                    return session;
                }))
                .orElse(productPage());
    }

    /** Polls the order until the saga has settled it; a settled order must be CONFIRMED (tok_visa pays). */
    ChainBuilder awaitConfirmation() {
        return exec(session -> session.set("orderStatus", "AWAITING_PAYMENT").set("polls", 0))
                .asLongAs(session -> session.getString("orderStatus").equals("AWAITING_PAYMENT")
                        && session.getInt("polls") < 100 && !session.isFailed())
                .on(pause(Duration.ofMillis(100))
                        .exec(http("get order").get("/api/orders/#{orderId}")
                                .check(status().is(200), jsonPath("$.status").saveAs("orderStatus")))
                        .exec(session -> session.set("polls", session.getInt("polls") + 1)))
                .exec(http("order confirmed").get("/api/orders/#{orderId}")
                        .check(status().is(200), jsonPath("$.status").is("CONFIRMED")));
    }

    static ChainBuilder checkoutSaga(Storefront shop) {
        return exec(shop.placeOrder()).exec(shop.awaitConfirmation());
    }
}
