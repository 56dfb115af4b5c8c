package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

class RateLimitIT extends GatewayIntegrationTest {

    @Test
    void answers429WithRetryAfterOnceTheBudgetIsSpentAndRecoversAfterTheReplenishPeriod() {
        String shopper = tokens.customer(UUID.randomUUID());

        // the tighter budget of POST /api/orders is 3 at once, 1 more per second
        int allowed = 0;
        Response refused = null;
        for (int attempt = 0; attempt < 10 && refused == null; attempt++) {
            Response response = placeOrder(shopper);
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                allowed++;
            }
        }

        assertThat(allowed).isGreaterThanOrEqualTo(3);
        assertThat(refused).isNotNull();
        refused.then().contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("urn:bazaar:problem:too-many-requests"))
                .body("title", equalTo("Too Many Requests"))
                .body("status", equalTo(429))
                .body("detail", containsString("try again"))
                .body("traceId", notNullValue());

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> placeOrder(shopper).statusCode() == 200);
    }

    @Test
    void keepsOneBudgetPerCaller() {
        String spender = tokens.customer(UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).until(() -> placeOrder(spender).statusCode() == 429);

        assertThat(placeOrder(tokens.customer(UUID.randomUUID())).statusCode()).isEqualTo(200);
        // reading is another route with its own, larger budget
        given().header("Authorization", bearer(spender)).when().get("/api/orders")
                .then().statusCode(200);
    }

    @Test
    void throttlesRegistrationsPerClientAddressAsStrictlyAsSignIn() {
        // anonymous callers are told apart by the connection's address: two loopback addresses
        // are two clients here
        ClientAddress spender = ClientAddress.of("127.0.0.2", port);
        ClientAddress neighbour = ClientAddress.of("127.0.0.3", port);

        // the strict budget (3 at once, 1 more per second in these tests), not the general 200
        int allowed = 0;
        HttpResponse<String> refused = null;
        for (int attempt = 0; attempt < 10 && refused == null; attempt++) {
            HttpResponse<String> response = spender.post("/api/identity/register", "{\"email\":\"a@example.com\"}");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                allowed++;
            }
        }

        assertThat(refused).as("a registration refused with 429").isNotNull();
        assertThat(allowed).isBetween(3, 5);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("\"type\":\"urn:bazaar:problem:too-many-requests\"");
        assertThat(neighbour.post("/api/identity/register", "{}").statusCode()).isEqualTo(200);
        // sign-in keeps a budget of its own (the limiter's buckets are per route and caller)
        assertThat(spender.post("/login", "username=a&password=b").statusCode()).isEqualTo(200);
    }

    private Response placeOrder(String token) {
        return given().header("Authorization", bearer(token)).contentType("application/json")
                .body("{\"lines\":[]}")
                .when().post("/api/orders");
    }
}
