package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.restassured.path.json.JsonPath;

/** The cart's paths: routed to order-service, open to guests where a guest cart is used, strictly limited where costly. */
class CartRoutesIT extends GatewayIntegrationTest {

    private static final String CART_ID = "QmF6YWFyLWNhcnQtaWQtZm9yLXRoZS1nYXRld2F5LXQ";

    @ParameterizedTest(name = "{0} {1} as {2} reaches order")
    @CsvSource({
            "POST,   /api/carts,                   anonymous",
            "GET,    /api/cart,                    anonymous",
            "DELETE, /api/cart,                    anonymous",
            "PUT,    /api/cart/lines/4b1c,         anonymous",
            "DELETE, /api/cart/lines/4b1c,         anonymous",
            "GET,    /api/cart,                    customer",
            "PUT,    /api/cart/lines/4b1c,         customer",
            "POST,   /api/cart/merge,              customer",
            "POST,   /api/cart/checkout,           customer",
    })
    void relaysEachCartPathToOrderWithItsCartHeaders(String method, String path, String caller) {
        String token = caller.equals("customer") ? tokens.customer(UUID.randomUUID()) : null;
        var request = given().contentType("application/json").header("X-Cart-Id", CART_ID)
                .header("If-Match", "\"3\"").header("Idempotency-Key", "k-1");
        if (token != null) {
            request.header("Authorization", bearer(token));
        }
        if (!method.equals("GET")) {
            request.body("{\"quantity\": 2}");
        }

        JsonPath echo = request.when().request(method, path).then().statusCode(200).extract().jsonPath();

        assertThat(echo.getString("service")).isEqualTo("order");
        assertThat(echo.getString("method")).isEqualTo(method);
        assertThat(echo.getString("path")).isEqualTo(path);
        Map<String, String> headers = echo.getMap("headers");
        assertThat(headers.get("x-cart-id")).isEqualTo(CART_ID);
        assertThat(headers.get("if-match")).isEqualTo("\"3\"");
        assertThat(headers.get("idempotency-key")).isEqualTo("k-1");
        assertThat(headers.get("authorization")).isEqualTo(token == null ? null : bearer(token));
    }

    @ParameterizedTest(name = "{0} {1} without a token is 401")
    @CsvSource({
            "POST,   /api/cart/merge",
            "POST,   /api/cart/checkout",
            "POST,   /api/cart",
            "PUT,    /api/cart",
            "GET,    /api/carts",
            "GET,    /api/cart/lines/4b1c",
            "POST,   /api/cart/lines/4b1c",
    })
    void mergeCheckoutAndEveryOtherCartPathNeedAToken(String method, String path) {
        var request = given().contentType("application/json").header("X-Cart-Id", CART_ID);
        if (!method.equals("GET")) {
            request.body("{}");
        }

        request.when().request(method, path).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:unauthorized"))
                .body("service", nullValue());
    }

    @Test
    void aBadTokenOnAGuestPathIsStill401() {
        given().header("Authorization", bearer("not-a-jwt")).header("X-Cart-Id", CART_ID)
                .when().get("/api/cart")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void makingGuestCartsHasTheStrictBudgetPerAddressInABucketOfItsOwn() {
        ClientAddress spender = ClientAddress.of("127.0.0.4", port);
        ClientAddress neighbour = ClientAddress.of("127.0.0.5", port);

        int allowed = 0;
        HttpResponse<String> refused = null;
        for (int attempt = 0; attempt < 10 && refused == null; attempt++) {
            HttpResponse<String> response = spender.post("/api/carts", "{}");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-RateLimit-Burst-Capacity")).hasValue("3");
                allowed++;
            }
        }

        assertThat(refused).as("a cart refused with 429").isNotNull();
        assertThat(allowed).isBetween(3, 5);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(neighbour.post("/api/carts", "{}").statusCode()).isEqualTo(200);
        // registering keeps a budget of its own
        assertThat(spender.post("/api/identity/register", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void checkingOutSpendsTheTighterBudgetAndUsingTheCartTheGeneralOne() {
        String token = bearer(tokens.customer(UUID.randomUUID()));
        given().header("Authorization", token).contentType("application/json").body("{}")
                .when().post("/api/cart/checkout")
                .then().statusCode(200).header("X-RateLimit-Burst-Capacity", "3");
        given().header("Authorization", token).contentType("application/json").body("{\"quantity\": 1}")
                .when().put("/api/cart/lines/4b1c")
                .then().statusCode(200).header("X-RateLimit-Burst-Capacity", "200");
    }

    @Test
    void letsBrowsersSendTheCartsHeadersAndReadItsETag() {
        given().header("Origin", corsOrigin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,if-match")
                .when().options("/api/cart/checkout")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", corsOrigin)
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("if-match"));
        given().header("Origin", corsOrigin).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type,x-cart-id")
                .when().options("/api/cart/lines/4b1c")
                .then().statusCode(200)
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("x-cart-id"));
        given().header("Origin", corsOrigin).header("X-Cart-Id", CART_ID)
                .when().get("/api/cart")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", corsOrigin)
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("ETag"));
    }
}
