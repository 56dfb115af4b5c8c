package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.restassured.path.json.JsonPath;

class RoutingIT extends GatewayIntegrationTest {

    @ParameterizedTest(name = "{0} {1} reaches {2}")
    @CsvSource({
            "GET,    /api/catalog/products,                       catalog,  anonymous",
            "GET,    /api/catalog/categories,                     catalog,  anonymous",
            "POST,   /api/catalog/admin/products,                 catalog,  admin",
            "GET,    /api/catalog/admin/dead-letters,             catalog,  admin",
            "GET,    /api/orders,                                 order,    customer",
            "POST,   /api/orders,                                 order,    customer",
            "POST,   /api/orders/7c1d/cancel,                     order,    customer",
            "GET,    /api/admin/orders,                           order,    admin",
            "GET,    /api/order/admin/dead-letters,               order,    admin",
            "GET,    /api/payments/42,                            payment,  customer",
            "POST,   /api/payment/admin/dead-letters/q/redrive,   payment,  admin",
            "POST,   /api/identity/register,                      identity, anonymous",
            "GET,    /api/identity/me,                            identity, customer",
            "PUT,    /api/identity/admin/users/1/roles,           identity, admin",
            "GET,    /api/identity/admin/dead-letters,            identity, admin",
            "GET,    /oauth2/authorize,                           identity, anonymous",
            "POST,   /oauth2/token,                               identity, anonymous",
            "GET,    /.well-known/openid-configuration,           identity, anonymous",
            "GET,    /login,                                      identity, anonymous",
            "POST,   /logout,                                     identity, anonymous",
            "GET,    /userinfo,                                   identity, customer",
    })
    void relaysEachRouteToItsServiceUnchanged(String method, String path, String service, String caller) {
        String token = switch (caller) {
            case "admin" -> tokens.admin();
            case "customer" -> tokens.customer(UUID.randomUUID());
            default -> null;
        };
        String body = "{\"note\":\"" + UUID.randomUUID() + "\"}";
        var request = given().contentType("application/json").queryParam("page", "2");
        if (token != null) {
            request.header("Authorization", bearer(token));
        }
        if (!method.equals("GET")) {
            request.body(body);
        }

        JsonPath echo = request.when().request(method, path)
                .then().statusCode(200)
                .extract().jsonPath();

        assertThat(echo.getString("service")).isEqualTo(service);
        assertThat(echo.getString("method")).isEqualTo(method);
        assertThat(echo.getString("path")).isEqualTo(path);
        assertThat(echo.getString("query")).isEqualTo("page=2");
        assertThat(echo.getString("body")).isEqualTo(method.equals("GET") ? "" : body);
        Map<String, String> headers = echo.getMap("headers");
        assertThat(headers.get("authorization")).isEqualTo(token == null ? null : bearer(token));
    }

    @Test
    void tellsTheServiceTheRealClientAndTheGatewaysOriginWhateverTheClientClaims() {
        Map<String, String> headers = given()
                .header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443")
                .header("X-Real-IP", "203.0.113.8")
                .header("Forwarded", "for=203.0.113.9;host=evil.example")
                .header("X-Bazaar-Caller", "order-service")
                .when().get("/login")
                .then().statusCode(200)
                .extract().jsonPath().getMap("headers");

        // one value each, set by the gateway: identity's login throttle keys on X-Forwarded-For
        assertThat(headers.get("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-forwarded-host")).isEqualTo("127.0.0.1:" + port);
        assertThat(headers.get("x-forwarded-proto")).isEqualTo("http");
        assertThat(headers.get("x-forwarded-port")).isEqualTo(String.valueOf(port));
        assertThat(headers).doesNotContainKeys("forwarded", "x-real-ip", "x-bazaar-caller");
    }

    @Test
    void signingInSpendsTheTighterBudget() {
        given().contentType("application/x-www-form-urlencoded").formParam("username", "alice@bazaar.dev")
                .when().post("/login")
                .then().header("X-RateLimit-Burst-Capacity", "3");
        given().when().get("/login")
                .then().statusCode(200).header("X-RateLimit-Burst-Capacity", "200");
    }

    @Test
    void answersAnUnknownRouteWith404Problem() {
        given().header("Authorization", bearer(tokens.customer(UUID.randomUUID())))
                .when().get("/api/warehouse/shelves")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:not-found"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("detail", notNullValue())
                .body("traceId", notNullValue());
    }

    @Test
    void answersAMethodTheGatewayDoesNotServeWith405Problem() {
        given().when().post("/readyz")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:method-not-allowed"))
                .body("traceId", notNullValue());
    }

    @Test
    void servesEachServicesApiDocumentAsTheServiceServesIt() {
        for (String service : new String[] {"catalog", "order", "payment", "identity"}) {
            JsonPath doc = given().when().get("/v3/api-docs/" + service)
                    .then().statusCode(200)
                    .extract().jsonPath();

            // the document is the service's published one, byte for byte: nothing the gateway adds
            assertThat(doc.getMap("")).isEqualTo(Backend.apiDocsOf(service));
        }
    }

    @Test
    void offersOneSwaggerUiListingEveryServiceWithCodeAndPkceSignIn() {
        given().redirects().follow(false).when().get("/swagger-ui.html")
                .then().statusCode(302);
        given().when().get("/v3/api-docs/swagger-config")
                .then().statusCode(200)
                .body("urls.url", hasItems("/v3/api-docs/catalog", "/v3/api-docs/order", "/v3/api-docs/payment",
                        "/v3/api-docs/identity"));
        String initializer = given().when().get("/swagger-ui/swagger-initializer.js")
                .then().statusCode(200).extract().asString();
        assertThat(initializer).contains("\"clientId\":\"bazaar-web\"").contains("\"usePkceWithAuthorizationCodeGrant\":true");
    }
}
