package dev.bazaar.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.ShopperLogin;
import io.restassured.http.ContentType;

class AdministerUsersIT extends IdentityIntegrationTest {

    private UUID bootstrapAdmin() {
        return jdbc.sql("select id from users where email = ?").param(ADMIN_EMAIL).query(UUID.class).single();
    }

    private long activeAdmins() {
        return jdbc.sql("select count(*) from users where enabled and 'ADMIN' = any(roles)").query(Long.class).single();
    }

    /** Leaves the bootstrap admin the only active one: the admins other tests made become shoppers again. */
    private void onlyTheBootstrapAdminIsLeft() {
        jdbc.sql("update users set roles = '{CUSTOMER}' where 'ADMIN' = any(roles) and email <> ?")
                .param(ADMIN_EMAIL).update();
    }

    private void restoreTheBootstrapAdmin() {
        jdbc.sql("update users set roles = '{ADMIN,CUSTOMER}', enabled = true where email = ?")
                .param(ADMIN_EMAIL).update();
    }

    private Shopper newAdmin() {
        Shopper shopper = newShopper();
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("CUSTOMER", "ADMIN")))
                .when().put("/api/identity/admin/users/{id}/roles", shopper.id())
                .then().statusCode(200);
        return shopper;
    }

    @Test
    void theLastActiveAdminKeepsTheRoleAndStaysEnabled() {
        onlyTheBootstrapAdminIsLeft();
        try {
            UUID admin = bootstrapAdmin();

            given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(Map.of("roles", List.of("CUSTOMER")))
                    .when().put("/api/identity/admin/users/{id}/roles", admin)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:bazaar:problem:last-admin"));
            given().auth().oauth2(adminToken()).when().post("/api/identity/admin/users/{id}/disable", admin)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:bazaar:problem:last-admin"));

            assertThat(activeAdmins()).isEqualTo(1);
            given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("roles", List.of("CUSTOMER", "ADMIN")))
                    .when().put("/api/identity/admin/users/{id}/roles", admin)
                    .then().statusCode(200); // keeping the role is no removal
        } finally {
            restoreTheBootstrapAdmin();
        }
    }

    @Test
    void twoAdminsRemovingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        try {
            for (int round = 0; round < 3; round++) {
                onlyTheBootstrapAdminIsLeft();
                restoreTheBootstrapAdmin();
                Shopper second = newAdmin();
                String firstToken = adminToken();
                String secondToken = browser().accessToken(second.email(), second.password());
                UUID first = bootstrapAdmin();
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Integer>> removals = List.of(
                        () -> {
                            start.await();
                            return given().auth().oauth2(firstToken).contentType(ContentType.JSON)
                                    .body(Map.of("roles", List.of("CUSTOMER")))
                                    .when().put("/api/identity/admin/users/{id}/roles", second.id())
                                    .then().extract().statusCode();
                        },
                        () -> {
                            start.await();
                            return given().auth().oauth2(secondToken)
                                    .when().post("/api/identity/admin/users/{id}/disable", first)
                                    .then().extract().statusCode();
                        });

                List<Integer> statuses = new ArrayList<>();
                try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                    List<Future<Integer>> answers = removals.stream().map(pool::submit).toList();
                    start.countDown();
                    for (Future<Integer> answer : answers) {
                        statuses.add(answer.get());
                    }
                }

                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
                assertThat(activeAdmins()).as("round " + round).isEqualTo(1);
            }
        } finally {
            restoreTheBootstrapAdmin();
        }
    }

    @Test
    void adminFindsUsersByPartOfTheirEmailOrName() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Quinn " + tag, "Rory " + tag, "Sam " + tag)) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", name.split(" ")[0].toLowerCase() + "-" + tag + "@example.com",
                            "password", "Sturdy-password-7", "displayName", name))
                    .when().post("/api/identity/register").then().statusCode(201);
        }

        given().auth().oauth2(adminToken()).queryParam("q", tag.toUpperCase()).queryParam("size", 2)
                .when().get("/api/identity/admin/users")
                .then().statusCode(200)
                .body("totalItems", equalTo(3)).body("totalPages", equalTo(2))
                .body("items", hasSize(2))
                .body("items[0].email", equalTo("quinn-" + tag + "@example.com"));
        given().auth().oauth2(adminToken()).queryParam("q", "Rory " + tag)
                .when().get("/api/identity/admin/users")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].displayName", equalTo("Rory " + tag));
        given().auth().oauth2(adminToken()).queryParam("q", "%").queryParam("size", 1)
                .when().get("/api/identity/admin/users")
                .then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(adminToken()).queryParam("size", 1000)
                .when().get("/api/identity/admin/users")
                .then().statusCode(400).body("errors.field", hasItem("size"));
    }

    @Test
    void newRolesTravelInTheNextToken() throws Exception {
        Shopper shopper = newShopper();

        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("CUSTOMER", "ADMIN")))
                .when().put("/api/identity/admin/users/{id}/roles", shopper.id())
                .then().statusCode(200).body("roles", equalTo(List.of("CUSTOMER", "ADMIN")));

        String token = browser().accessToken(shopper.email(), shopper.password());
        assertThat(verified(token).getStringListClaim("roles")).containsExactlyInAnyOrder("CUSTOMER", "ADMIN");
        given().auth().oauth2(token).when().get("/api/identity/admin/users").then().statusCode(200);
    }

    @Test
    void refusesUnknownRolesAndAnEmptyList() {
        Shopper shopper = newShopper();
        for (String notARole : List.of("ROOT", "ADMIN ", " ADMIN", "admin", "")) {
            given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(Map.of("roles", List.of("CUSTOMER", notARole)))
                    .when().put("/api/identity/admin/users/{id}/roles", shopper.id())
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("roles[1]"));
        }
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(Map.of("roles", List.of()))
                .when().put("/api/identity/admin/users/{id}/roles", shopper.id())
                .then().statusCode(400).body("errors.field", hasItem("roles"));
        assertThat(jdbc.sql("select array_to_string(roles, ',') from users where id = ?").param(shopper.id())
                .query(String.class).single()).isEqualTo("CUSTOMER");
    }

    @Test
    void aDisabledUserCannotSignInNorRedeemACodeTheyAlreadyHave() {
        Shopper shopper = newShopper();
        ShopperLogin browser = browserAt("192.0.2.10");
        ShopperLogin.AuthorizationCode pending = browser.authorize(shopper.email(), shopper.password());

        given().auth().oauth2(adminToken()).when().post("/api/identity/admin/users/{id}/disable", shopper.id())
                .then().statusCode(200).body("enabled", equalTo(false));

        assertThatThrownBy(() -> browser.redeem(pending))
                .isInstanceOfSatisfying(ShopperLogin.AuthorizationFailed.class,
                        e -> assertThat(e.error()).isEqualTo("invalid_grant"));
        assertThatThrownBy(() -> browser.authorize(shopper.email(), shopper.password()))
                .isInstanceOf(ShopperLogin.LoginRefused.class);

        given().auth().oauth2(adminToken()).when().post("/api/identity/admin/users/{id}/enable", shopper.id())
                .then().statusCode(200).body("enabled", equalTo(true));
        assertThat(browser.accessToken(shopper.email(), shopper.password())).isNotBlank();
    }

    @Test
    void disablingRevokesTheUsersStoredAuthorizations() {
        Shopper shopper = newShopper();
        ShopperLogin browser = browserAt("192.0.2.11");
        browser.login(shopper.email(), shopper.password());
        assertThat(jdbc.sql("select count(*) from oauth2_authorization where principal_name = ?")
                .param(shopper.id().toString()).query(Long.class).single()).isPositive();

        given().auth().oauth2(adminToken()).when().post("/api/identity/admin/users/{id}/disable", shopper.id())
                .then().statusCode(200);

        assertThat(jdbc.sql("select count(*) from oauth2_authorization where principal_name = ?")
                .param(shopper.id().toString()).query(Long.class).single()).isZero();
    }

    @Test
    void unknownUsersAre404() {
        UUID nobody = UUID.randomUUID();
        given().auth().oauth2(adminToken()).when().get("/api/identity/admin/users/{id}", nobody)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:user-not-found"));
        given().auth().oauth2(adminToken()).when().post("/api/identity/admin/users/{id}/disable", nobody)
                .then().statusCode(404);
        given().auth().oauth2(adminToken()).when().post("/api/identity/admin/users/{id}/enable", nobody)
                .then().statusCode(404);
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(Map.of("roles", List.of("CUSTOMER")))
                .when().put("/api/identity/admin/users/{id}/roles", nobody)
                .then().statusCode(404);
        given().auth().oauth2(adminToken()).when().get("/api/identity/admin/users/not-a-uuid")
                .then().statusCode(400).body("errors.field", hasItem("id"));
    }

    @Test
    void onlyAdminsAdminister() {
        Shopper shopper = newShopper();
        String customer = browser().accessToken(shopper.email(), shopper.password());

        given().auth().oauth2(customer).when().get("/api/identity/admin/users")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(customer).when().post("/api/identity/admin/users/{id}/disable", shopper.id())
                .then().statusCode(403);
        given().auth().oauth2(customer).when().post("/api/identity/admin/keys/rotate").then().statusCode(403);
        given().when().get("/api/identity/admin/users").then().statusCode(401);
        assertThat(jdbc.sql("select enabled from users where id = ?").param(shopper.id())
                .query(Boolean.class).single()).isTrue();
    }
}
