package dev.bazaar.identity;

import dev.bazaar.testsupport.FreePorts;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import com.nimbusds.jose.jwk.JWK;

import dev.bazaar.testsupport.ShopperLogin;
import io.restassured.path.json.JsonPath;

class SigningKeysIT extends IdentityIntegrationTest {

    @Autowired
    Environment environment;

    private String kidIn(String state) {
        return jdbc.sql("select kid from signing_keys where state = ?").param(state).query(String.class).single();
    }

    private List<String> publishedKids() {
        return publishedKeys().getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void theJwksPublishesTheSigningKeyAndTheNextOneButNoPrivateHalf() {
        Shopper shopper = newShopper();

        String token = browser().accessToken(shopper.email(), shopper.password());

        assertThat(kidOf(token)).isEqualTo(kidIn("ACTIVE"));
        assertThat(publishedKids()).contains(kidIn("ACTIVE"), kidIn("NEXT"));
        assertThat(publishedKeys().getKeys()).allSatisfy(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
        });
    }

    @Test
    void privateKeysAreEncryptedAtRest() {
        byte[] stored = jdbc.sql("select private_key from signing_keys where state = 'ACTIVE'")
                .query(byte[].class).single();

        assertThatThrownBy(() -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored)))
                .as("not a plain PKCS#8 key").isInstanceOf(Exception.class);
    }

    @Test
    void afterARotationTheNextKeySignsAndTokensOfThePreviousOneStillValidate() {
        Shopper shopper = newShopper();
        String before = browser().accessToken(shopper.email(), shopper.password());
        String previous = kidOf(before);
        String next = kidIn("NEXT");

        JsonPath rotation = given().auth().oauth2(adminToken())
                .when().post("/api/identity/admin/keys/rotate")
                .then().statusCode(200).extract().jsonPath();

        assertThat(rotation.getString("retiredKid")).isEqualTo(previous);
        assertThat(rotation.getString("activeKid")).as("the already published key").isEqualTo(next);
        assertThat(rotation.getString("nextKid")).isNotIn(previous, next);
        assertThat(publishedKids()).contains(previous, next, rotation.getString("nextKid"));
        assertThat(verified(before).getSubject()).isEqualTo(shopper.id().toString());
        given().auth().oauth2(before).when().get("/api/identity/me").then().statusCode(200);

        String after = browser().accessToken(shopper.email(), shopper.password());
        assertThat(kidOf(after)).isEqualTo(next);
        assertThat(verified(after).getSubject()).isEqualTo(shopper.id().toString());
        Instant removeAfter = jdbc.sql("select remove_after from signing_keys where kid = ?").param(previous)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(removeAfter).as("published while any token it signed lives")
                .isAfter(Instant.now().plusSeconds(30 * 60));
    }

    @Test
    void revokingTheActiveKeyTakesItOutOfTheJwksAndOutOfServiceAtOnce() {
        Shopper shopper = newShopper();
        String before = browser().accessToken(shopper.email(), shopper.password());
        String revoked = kidOf(before);
        String next = kidIn("NEXT");

        JsonPath revocation = given().auth().oauth2(adminToken())
                .when().post("/api/identity/admin/keys/{kid}/revoke", revoked)
                .then().statusCode(200).extract().jsonPath();
        forgetAdminToken();

        assertThat(revocation.getString("revokedKid")).isEqualTo(revoked);
        assertThat(revocation.getString("activeKid")).as("the published NEXT key takes over").isEqualTo(next);
        assertThat(revocation.getString("nextKid")).isNotIn(revoked, next);
        assertThat(publishedKids()).doesNotContain(revoked).contains(next, revocation.getString("nextKid"));
        given().auth().oauth2(before).when().get("/api/identity/me")
                .then().statusCode(401).contentType("application/problem+json");

        String after = browser().accessToken(shopper.email(), shopper.password());
        assertThat(kidOf(after)).isEqualTo(next);
        given().auth().oauth2(after).when().get("/api/identity/me").then().statusCode(200);
        assertThat(jdbc.sql("select state from signing_keys where kid = ?").param(revoked).query(String.class).single())
                .as("recorded, not forgotten").isEqualTo("REVOKED");
    }

    @Test
    void revokingARetiredKeyEndsItsTokensAndLeavesTheSigningKeyAlone() {
        Shopper shopper = newShopper();
        String before = browser().accessToken(shopper.email(), shopper.password());
        String retired = kidOf(before);
        given().auth().oauth2(adminToken()).when().post("/api/identity/admin/keys/rotate").then().statusCode(200);
        forgetAdminToken();
        String active = kidIn("ACTIVE");
        given().auth().oauth2(before).when().get("/api/identity/me").then().statusCode(200);

        given().auth().oauth2(adminToken()).when().post("/api/identity/admin/keys/{kid}/revoke", retired)
                .then().statusCode(200).body("revokedKid", equalTo(retired)).body("activeKid", equalTo(active));

        assertThat(publishedKids()).doesNotContain(retired).contains(active);
        given().auth().oauth2(before).when().get("/api/identity/me").then().statusCode(401);
        given().auth().oauth2(adminToken()).when().post("/api/identity/admin/keys/{kid}/revoke", retired)
                .then().statusCode(200) // revoking again changes nothing
                .body("revokedKid", equalTo(retired));
    }

    @Test
    void revokingAnUnknownOrMalformedKeyIsAProblemNotAnError() {
        given().auth().oauth2(adminToken())
                .when().post("/api/identity/admin/keys/{kid}/revoke", java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:signing-key-not-found"));
        for (String bad : List.of("not-a-kid", "x".repeat(300), "' or 1=1 --", "0000")) {
            given().auth().oauth2(adminToken()).urlEncodingEnabled(true)
                    .when().post("/api/identity/admin/keys/{kid}/revoke", bad)
                    .then().statusCode(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.greaterThanOrEqualTo(400), org.hamcrest.Matchers.lessThan(500)))
                    .contentType("application/problem+json");
        }
        Shopper shopper = newShopper();
        String customer = browser().accessToken(shopper.email(), shopper.password());
        given().auth().oauth2(customer).when().post("/api/identity/admin/keys/{kid}/revoke", kidIn("ACTIVE"))
                .then().statusCode(403);
        assertThat(publishedKids()).contains(kidIn("ACTIVE"));
    }

    @Test
    void tokensIssuedBeforeARestartStillValidateAfterIt() {
        Shopper shopper = newShopper();
        String before = browser().accessToken(shopper.email(), shopper.password());
        int port = FreePorts.next();

        try (ConfigurableApplicationContext restarted = startAnotherInstance(port)) {
            URI again = URI.create("http://127.0.0.1:" + port);
            given().baseUri(again.toString()).port(port).auth().oauth2(before)
                    .when().get("/api/identity/me")
                    .then().statusCode(200).body("id", equalTo(shopper.id().toString()));

            String fresh = ShopperLogin.to(again, URI.create(issuer)).accessToken(shopper.email(), shopper.password());
            assertThat(kidOf(fresh)).as("the same ACTIVE key, read from the table").isEqualTo(kidOf(before));
            given().auth().oauth2(fresh).when().get("/api/identity/me").then().statusCode(200);
        }
    }

    /** A second identity on the same database and broker: what a restart (or a second replica) sees. */
    private ConfigurableApplicationContext startAnotherInstance(int port) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.grpc.server.port=" + FreePorts.next(),
                "--management.server.port=" + FreePorts.next(),
                "--bazaar.identity.trusted-proxies=" + environment.getRequiredProperty("bazaar.identity.trusted-proxies")));
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.rabbitmq.host", "spring.rabbitmq.port", "spring.rabbitmq.username", "spring.rabbitmq.password",
                "spring.rabbitmq.virtual-host", "bazaar.messaging.exchange", "bazaar.messaging.queue-prefix",
                "bazaar.messaging.queue-expiry", "bazaar.security.issuer-url")) {
            args.add("--" + key + "=" + environment.getRequiredProperty(key));
        }
        return new SpringApplicationBuilder(IdentityApplication.class).profiles("dev")
                .run(args.toArray(String[]::new));
    }
}
