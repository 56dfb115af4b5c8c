package dev.bazaar.order;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The cart's endpoints as a client calls them: as a shopper (a token) or as a guest (X-Cart-Id). */
final class CartCalls {

    static final String ADDRESS = """
            {"name": "Ada Lovelace", "line1": "12 Analytical Row", "city": "London", "postalCode": "N1 9GU",
             "country": "GB"}""";

    private final String token;
    private final String cartId;

    private CartCalls(String token, String cartId) {
        this.token = token;
        this.cartId = cartId;
    }

    static CartCalls shopper(String token) {
        return new CartCalls(token, null);
    }

    static CartCalls guest(String cartId) {
        return new CartCalls(null, cartId);
    }

    /** A new guest cart's id. */
    static String newGuestCart() {
        return given().when().post("/api/carts").then().statusCode(201).extract().path("cartId");
    }

    RequestSpecification request() {
        RequestSpecification request = given();
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (cartId != null) {
            request.header("X-Cart-Id", cartId);
        }
        return request;
    }

    Response view() {
        return request().when().get("/api/cart");
    }

    Response set(UUID product, int quantity) {
        return set(product, "{\"quantity\": " + quantity + "}");
    }

    Response set(UUID product, String body) {
        return request().contentType(ContentType.JSON).body(body).when().put("/api/cart/lines/" + product);
    }

    Response remove(UUID product) {
        return request().when().delete("/api/cart/lines/" + product);
    }

    Response clear() {
        return request().when().delete("/api/cart");
    }

    Response merge(String guestCartId) {
        return request().contentType(ContentType.JSON).body("{\"cartId\": \"" + guestCartId + "\"}")
                .when().post("/api/cart/merge");
    }

    Response checkOut(String key, String ifMatch) {
        return checkOut(key, ifMatch, checkoutBody("tok_visa"));
    }

    Response checkOut(String key, String ifMatch, String body) {
        RequestSpecification request = request().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().post("/api/cart/checkout");
    }

    static String checkoutBody(String paymentToken) {
        return "{\"shippingAddress\": " + ADDRESS + ", \"paymentToken\": \"" + paymentToken + "\"}";
    }

    /** The cart's version as its ETag gave it. */
    String etag() {
        return view().then().statusCode(200).extract().header("ETag");
    }
}
