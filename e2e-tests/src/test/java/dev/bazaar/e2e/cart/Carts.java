package dev.bazaar.e2e.cart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import dev.bazaar.e2e.RunningBazaar;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The cart as a client uses it, through any base URL (the gateway, or order-service's own port):
 * guest carts by {@code X-Cart-Id}, a shopper's own cart by token, and checkouts that send the
 * same Idempotency-Key again while the answer says nothing of the request (a cold or busy service).
 * Shared by the cart, attack and bad-input suites.
 */
public final class Carts {

    public static final String ADDRESS = """
            {"name": "Grace Hopper", "line1": "1 Compiler Way", "city": "Arlington", "postalCode": "22201", "country": "US"}""";

    /** What a checkout sends besides the cart: where to ship, how to pay. */
    public static final String CHECKOUT = "{\"shippingAddress\": " + ADDRESS + ", \"paymentToken\": \"tok_visa\"}";

    private Carts() {
    }

    /** A request as {@code token}'s shopper (none: a guest), naming {@code cartId} as X-Cart-Id when given. */
    public static RequestSpecification as(String base, String token, String cartId) {
        RequestSpecification request = given().baseUri(base).urlEncodingEnabled(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (cartId != null) {
            request.header("X-Cart-Id", cartId);
        }
        return request;
    }

    /** A new guest cart's id (POST /api/carts, no token). */
    public static String newGuestCart(String base) {
        return as(base, null, null).post("/api/carts").then().statusCode(201).extract().path("cartId");
    }

    public static Response view(String base, String token, String cartId) {
        return as(base, token, cartId).get("/api/cart");
    }

    public static Response setLine(String base, String token, String cartId, UUID product, int quantity) {
        return as(base, token, cartId).contentType(ContentType.JSON).body("{\"quantity\": " + quantity + "}")
                .put("/api/cart/lines/" + product);
    }

    /** Sets a line, sending again while the answer is a 5xx (setting a quantity twice is setting it once). */
    public static Response setLineSettled(String base, String token, String cartId, UUID product, int quantity) {
        return await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                .until(() -> setLine(base, token, cartId, product, quantity), answer -> answer.statusCode() < 500);
    }

    public static Response merge(String base, String token, String cartId) {
        return as(base, token, null).contentType(ContentType.JSON).body("{\"cartId\": \"" + cartId + "\"}")
                .post("/api/cart/merge");
    }

    /** One checkout request, as it is. */
    public static Response checkOut(String base, String token, String key, String ifMatch) {
        RequestSpecification request = as(base, token, null).contentType(ContentType.JSON).body(CHECKOUT);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post("/api/cart/checkout");
    }

    /**
     * A checkout sent again with the same key and If-Match while the answer is a 5xx or 409
     * request-in-progress: the key makes each resend safe, and the answer that comes back is the
     * first one the service settled on.
     */
    public static Response checkOutSettled(String base, String token, String key, String ifMatch) {
        return await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                .until(() -> checkOut(base, token, key, ifMatch), answer -> answer.statusCode() < 500
                        && !"urn:bazaar:problem:request-in-progress".equals(problemType(answer)));
    }

    private static String problemType(Response answer) {
        return answer.contentType() != null && answer.contentType().startsWith("application/problem+json")
                ? answer.path("type") : null;
    }

    /** The ETag of a cart answer: its version, quoted, as If-Match wants it back. */
    public static String etag(Response cartAnswer) {
        return Objects.requireNonNull(cartAnswer.header("ETag"), "a cart answer without ETag");
    }

    /** A product of the test's own (the demo catalog is left as it is), in the first category. */
    public static UUID newProduct(String gateway, String admin, String name, long price, int stock) {
        UUID category = UUID.fromString(given().baseUri(gateway).when().get("/api/catalog/categories")
                .then().statusCode(200).extract().path("[0].id"));
        return UUID.fromString(given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"sku": "CART-%s", "name": "%s", "categoryId": "%s",
                         "price": {"amount": %d, "currency": "EUR"}, "initialStock": %d}"""
                        .formatted(UUID.randomUUID().toString().substring(0, 8), name, category, price, stock))
                .when().post("/api/catalog/admin/products").then().statusCode(201).extract().path("id"));
    }

    public static void reprice(String gateway, String admin, UUID product, long price) {
        given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"price\": {\"amount\": " + price + ", \"currency\": \"EUR\"}}")
                .when().put("/api/catalog/admin/products/{id}/price", product).then().statusCode(200);
    }

    public static void archive(String gateway, String admin, UUID product) {
        given().baseUri(gateway).auth().oauth2(admin).when().post("/api/catalog/admin/products/{id}/archive", product)
                .then().statusCode(200);
    }

    /**
     * Makes a guest cart 8 days old in order-service's database (the suite's own, made for this
     * run): past the 7 days a guest cart lives, as if its guest had left it that long. Found by the
     * SHA-256 of its id, the only form in which the id is stored.
     */
    public static void ageGuestCart(RunningBazaar bazaar, String cartId) {
        var database = bazaar.databases.get("order");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var update = connection.prepareStatement(
                        "update carts set updated_at = now() - interval '8 days' where guest_token_hash = ?")) {
            update.setBytes(1, sha256(cartId));
            assertThat(update.executeUpdate()).as("the guest cart's row, by the hash of its id").isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a guest cart's row, as the retention sweep does with an expired one. */
    public static void dropGuestCart(RunningBazaar bazaar, String cartId) {
        var database = bazaar.databases.get("order");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var delete = connection.prepareStatement("delete from carts where guest_token_hash = ?")) {
            delete.setBytes(1, sha256(cartId));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(String cartId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cartId.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
