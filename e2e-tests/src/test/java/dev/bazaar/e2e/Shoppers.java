package dev.bazaar.e2e;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;

/** Real accounts at identity, signed in through the authorization code + PKCE flow. */
public final class Shoppers {

    static final String ADMIN_EMAIL = "admin@bazaar.dev";
    static final String ADMIN_PASSWORD = IdentityDevDefaults.ADMIN_PASSWORD;

    public record Shopper(UUID id, String email, String password, String token) {
    }

    private Shoppers() {
    }

    public static Shopper register(RunningBazaar bazaar) {
        String email = "shopper-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "Correct-Horse-" + UUID.randomUUID().toString().substring(0, 6);
        String id = given().baseUri(bazaar.gateway()).contentType(ContentType.JSON)
                .body("{\"email\": \"%s\", \"password\": \"%s\", \"displayName\": \"E2E Shopper\"}".formatted(email, password))
                .when().post("/api/identity/register")
                .then().statusCode(201).extract().path("id");
        return new Shopper(UUID.fromString(id), email, password, login(bazaar, email, password));
    }

    public static String admin(RunningBazaar bazaar) {
        return login(bazaar, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public static String login(RunningBazaar bazaar, String email, String password) {
        return IdentityDevDefaults.login(bazaar.gateway(), email, password);
    }
}
