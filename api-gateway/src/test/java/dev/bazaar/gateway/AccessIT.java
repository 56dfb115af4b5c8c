package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AccessIT extends GatewayIntegrationTest {

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            // public
            "GET,  /api/catalog/products,              anonymous, 200",
            "GET,  /api/catalog/products,              customer,  200",
            "GET,  /api/catalog/products,              admin,     200",
            "GET,  /api/catalog/products/3f2a,         anonymous, 200",
            "GET,  /api/catalog/categories,            anonymous, 200",
            "POST, /api/identity/register,             anonymous, 200",
            // protected
            "GET,  /api/orders,                        anonymous, 401",
            "GET,  /api/orders,                        customer,  200",
            "GET,  /api/orders,                        admin,     200",
            "POST, /api/catalog/products,              anonymous, 401",
            "GET,  /api/payments/42,                   anonymous, 401",
            "GET,  /api/payments/42,                   customer,  200",
            "GET,  /api/identity/me,                   anonymous, 401",
            // admin
            "GET,  /api/admin/orders,                  anonymous, 401",
            "GET,  /api/admin/orders,                  customer,  403",
            "GET,  /api/admin/orders,                  admin,     200",
            "POST, /api/catalog/admin/products,        anonymous, 401",
            "POST, /api/catalog/admin/products,        customer,  403",
            "POST, /api/catalog/admin/products,        admin,     200",
            "GET,  /api/payment/admin/dead-letters,    customer,  403",
            "GET,  /api/payment/admin/dead-letters,    admin,     200",
            "GET,  /api/catalog/products/admin/x,      customer,  403",
            "GET,  /api/catalog/%61dmin/dead-letters,  customer,  403",
    })
    void letsEachCallerReachWhatTheirRoleAllows(String method, String path, String caller, int status) {
        var request = given().urlEncodingEnabled(false).contentType("application/json");
        switch (caller) {
            case "customer" -> request.header("Authorization", bearer(tokens.customer(UUID.randomUUID())));
            case "admin" -> request.header("Authorization", bearer(tokens.admin()));
            default -> { }
        }
        if (method.equals("POST")) {
            request.body("{}");
        }

        var response = request.when().request(method, path).then().statusCode(status);

        if (status >= 400) {
            response.contentType("application/problem+json")
                    .body("type", equalTo(status == 401 ? "urn:bazaar:problem:unauthorized" : "urn:bazaar:problem:forbidden"))
                    .body("status", equalTo(status))
                    .body("traceId", notNullValue())
                    // refused at the gateway: the service's echo never came back
                    .body("service", nullValue());
        }
    }

    @Test
    void refusesPathsThatHideTheirShapeWith400Problem() {
        given().urlEncodingEnabled(false).header("Authorization", bearer(tokens.customer(UUID.randomUUID())))
                .when().get("/api/catalog/admin;v=1/dead-letters")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:bad-request"));
    }

    static Stream<Arguments> badTokens() {
        Date anHourAgo = Date.from(Instant.now().minusSeconds(3600));
        Supplier<String> tampered = () -> {
            String[] customer = tokens.customer(UUID.randomUUID()).split("\\.");
            String[] admin = tokens.admin().split("\\.");
            return customer[0] + "." + admin[1] + "." + customer[2];
        };
        return Stream.of(
                Arguments.of("expired", (Supplier<String>) () -> tokens.mint(c -> c.expirationTime(anHourAgo)
                        .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                        .notBeforeTime(Date.from(Instant.now().minusSeconds(7200))))),
                Arguments.of("not yet valid", (Supplier<String>) () -> tokens.mint(c -> c
                        .notBeforeTime(Date.from(Instant.now().plusSeconds(3600))))),
                Arguments.of("tampered", tampered),
                Arguments.of("signed by an unknown key", (Supplier<String>) () -> tokens.mintWithUnknownKey(c -> { })),
                Arguments.of("from another issuer", (Supplier<String>) () -> tokens.mint(c -> c.issuer("https://evil.example"))),
                Arguments.of("for another audience", (Supplier<String>) () -> tokens.mint(c -> c.audience("someone-else"))),
                Arguments.of("unsigned (alg none)", (Supplier<String>) () -> tokens.unsigned(c -> c.claim("roles",
                        java.util.List.of("ADMIN")))),
                Arguments.of("not a token at all", (Supplier<String>) () -> "not-a-jwt"));
    }

    @ParameterizedTest(name = "a token {0} gets 401")
    @MethodSource("badTokens")
    void refusesBadTokensWith401Problem(String why, Supplier<String> token) {
        given().header("Authorization", bearer(token.get()))
                .when().get("/api/orders")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("type", equalTo("urn:bazaar:problem:unauthorized"))
                .body("title", equalTo("Unauthorized"))
                .body("detail", notNullValue())
                .body("traceId", notNullValue());
    }

    @Test
    void answersBrowsersFromAConfiguredOriginOnly() {
        given().header("Origin", corsOrigin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/orders")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", corsOrigin);
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/orders")
                .then().statusCode(403);
    }
}
