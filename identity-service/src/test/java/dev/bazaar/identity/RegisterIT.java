package dev.bazaar.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.BrokerEvents;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

class RegisterIT extends IdentityIntegrationTest {

    private static String uniqueEmail() {
        return "new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static Map<String, String> signUp(String email, String password, String displayName) {
        return Map.of("email", email, "password", password, "displayName", displayName);
    }

    @Test
    void aShopperSignsUpAndIsAnnounced() {
        String email = uniqueEmail();
        try (BrokerEvents events = BrokerEvents.listen(rabbit.exchange(), "identity.customer.#")) {
            var created = given().contentType(ContentType.JSON)
                    .body(signUp(email, "Sturdy-password-7", "  Dora Shopper "))
                    .when().post("/api/identity/register")
                    .then().statusCode(201)
                    .header("Location", startsWith("/api/identity/admin/users/"))
                    .body("email", equalTo(email))
                    .body("displayName", equalTo("Dora Shopper"))
                    .body("roles", equalTo(List.of("CUSTOMER")))
                    .body("enabled", equalTo(true))
                    .body("$", not(hasKey("passwordHash")))
                    .body("$", not(hasKey("password")))
                    .extract();
            String id = created.path("id");

            JsonPath event = JsonPath.from(events.await(1, Duration.ofSeconds(10)).getFirst());
            assertThat(event.getString("type")).isEqualTo("identity.customer.registered");
            assertThat(event.getString("aggregateId")).isEqualTo(id);
            assertThat(event.getString("data.customerId")).isEqualTo(id);
            assertThat(event.getString("data.email")).isEqualTo(email);
            assertThat(event.getString("data.displayName")).isEqualTo("Dora Shopper");
            given().auth().oauth2(adminToken()).when().get(created.header("Location"))
                    .then().statusCode(200).body("email", equalTo(email));
        }
        String hash = jdbc.sql("select password_hash from users where email = ?").param(email)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(browser().accessToken(email, "Sturdy-password-7")).isNotBlank();
    }

    @Test
    void refusesADuplicateEmailInAnyLetterCase() {
        String email = uniqueEmail();
        given().contentType(ContentType.JSON).body(signUp(email, "Sturdy-password-7", "First"))
                .when().post("/api/identity/register").then().statusCode(201);
        long before = userCount();

        given().contentType(ContentType.JSON).body(signUp(email.toUpperCase(), "Other-password-8", "Second"))
                .when().post("/api/identity/register")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:email-taken"));
        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void aTakenEmailIsRefusedWithoutHashingThePassword() {
        String email = uniqueEmail();
        given().contentType(ContentType.JSON).body(signUp(email, "Sturdy-password-7", "First"))
                .when().post("/api/identity/register").then().statusCode(201);
        String second = "Never-hashed-" + UUID.randomUUID();

        given().contentType(ContentType.JSON).body(signUp(email.toUpperCase(), second, "Second"))
                .when().post("/api/identity/register")
                .then().statusCode(409).body("type", equalTo("urn:bazaar:problem:email-taken"));

        assertThat(PasswordsSeen.encoded(second)).as("no hashing for a sign-up that cannot create an account")
                .isFalse();
    }

    @Test
    void concurrentSignUpsWithOneEmailCreateOneAccount() throws Exception {
        String email = uniqueEmail();
        int attempts = 6;
        List<Callable<Integer>> signUps = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            String variant = i % 2 == 0 ? email : email.toUpperCase();
            signUps.add(() -> given().contentType(ContentType.JSON).body(signUp(variant, "Sturdy-password-7", "Racer"))
                    .when().post("/api/identity/register").then().extract().statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            for (Future<Integer> status : pool.invokeAll(signUps)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        assertThat(jdbc.sql("select count(*) from users where lower(email) = lower(?)").param(email)
                .query(Long.class).single()).isEqualTo(1);
    }

    static List<Object[]> badSignUps() {
        String ok = "Sturdy-password-7";
        return List.of(
                new Object[] {signUp("no-at-sign.example.com", ok, "Eve"), "email"},
                new Object[] {signUp("eve@localhost", ok, "Eve"), "email"},
                new Object[] {signUp("eve @example.com", ok, "Eve"), "email"},
                new Object[] {signUp("", ok, "Eve"), "email"},
                new Object[] {signUp("eve@example.com", "Short-1", "Eve"), "password"},
                new Object[] {signUp("eve@example.com", "alllowercaseletters", "Eve"), "password"},
                new Object[] {signUp("eve@example.com", "12345678901234", "Eve"), "password"},
                new Object[] {signUp("eve@example.com", "Eve@Example.com", "Eve"), "password"},
                new Object[] {signUp("eve@example.com", "Aa1-".repeat(33), "Eve"), "password"},
                new Object[] {signUp("eve@example.com", ok, " "), "displayName"},
                new Object[] {signUp("eve@example.com", ok, "E".repeat(101)), "displayName"});
    }

    @ParameterizedTest
    @MethodSource("badSignUps")
    void refusesABadSignUpNamingTheFieldAndCreatesNothing(Map<String, String> body, String field) {
        long before = userCount();

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/identity/register")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void refusesMissingFieldsAndUnknownOnes() {
        long before = userCount();
        given().contentType(ContentType.JSON).body("{\"email\": \"x@example.com\"}")
                .when().post("/api/identity/register")
                .then().statusCode(400).body("errors.field", hasItem("password"));
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"x@example.com\", \"password\": \"Sturdy-password-7\", \"displayName\": \"X\", "
                        + "\"roles\": [\"ADMIN\"]}")
                .when().post("/api/identity/register")
                .then().statusCode(400).body("errors.field", hasItem("roles"));
        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void aLongPassphraseWorksToo() {
        String email = uniqueEmail();
        String passphrase = "correct horse battery staple, ünïcödé and all: " + "x".repeat(70);
        given().contentType(ContentType.JSON).body(signUp(email, passphrase, "Long Pass"))
                .when().post("/api/identity/register").then().statusCode(201);

        assertThat(browser().accessToken(email, passphrase)).isNotBlank();
    }
}
