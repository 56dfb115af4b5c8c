package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * identity rotates and revokes signing keys by changing its JWKS; the gateway follows within
 * its refresh interval (1 s in these tests, at most 5 minutes in production) and fetches at
 * once when a token names a key it has not seen.
 */
class KeyRotationIT extends GatewayIntegrationTest {

    @Test
    void refusesTokensOfAKeyOnceItLeavesTheJwks() {
        RSAKey revoked = SigningKeys.newKey();
        signingKeys.publish(revoked);
        String token = SigningKeys.customerToken(revoked);
        given().header("Authorization", bearer(token)).when().get("/api/orders")
                .then().statusCode(200);

        signingKeys.withdraw(revoked);

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().header("Authorization", bearer(token)).when().get("/api/orders")
                        .statusCode() == 401);
        given().header("Authorization", bearer(token)).when().get("/api/orders")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("type", equalTo("urn:bazaar:problem:unauthorized"))
                .body("traceId", notNullValue());
    }

    @Test
    void acceptsATokenOfANewlyPublishedKeyAtOnce() {
        // known to the gateway first, so the next key is one it has never seen
        given().header("Authorization", bearer(tokens.customer(java.util.UUID.randomUUID())))
                .when().get("/api/orders").then().statusCode(200);
        RSAKey rotatedIn = SigningKeys.newKey();

        signingKeys.publish(rotatedIn);

        given().header("Authorization", bearer(SigningKeys.customerToken(rotatedIn))).when().get("/api/orders")
                .then().statusCode(200);
    }
}
