package dev.bazaar.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.bazaar.testsupport.ShopperLogin;
import dev.bazaar.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;

class ShopperSignInIT extends IdentityIntegrationTest {

    @Test
    void shopperSignsInWithCodeAndPkceAndGetsATokenSignedByAPublishedKey() throws Exception {
        Shopper shopper = newShopper();

        ShopperLogin.Tokens tokens = browser().login(shopper.email(), shopper.password());

        JWTClaimsSet claims = verified(tokens.accessToken());
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).contains("bazaar", "bazaar-web");
        assertThat(claims.getSubject()).isEqualTo(shopper.id().toString());
        assertThat(claims.getStringListClaim("roles")).containsExactly("CUSTOMER");
        assertThat(claims.getStringClaim("email")).isEqualTo(shopper.email());
        assertThat(claims.getExpirationTime()).isAfter(new Date())
                .isBefore(Date.from(Instant.now().plusSeconds(5 * 60 + 5)));
        assertThat(tokens.expiresIn()).isBetween(290L, 300L);
        assertThat(tokens.refreshToken()).as("a public client gets no refresh token").isNull();
    }

    @Test
    void idTokenAndUserinfoTellTheShoppersEmailAndName() throws Exception {
        Shopper shopper = newShopper();

        ShopperLogin.Tokens tokens = browser().login(shopper.email(), shopper.password());

        JWTClaimsSet idToken = verified(tokens.idToken());
        assertThat(idToken.getSubject()).isEqualTo(shopper.id().toString());
        assertThat(idToken.getAudience()).containsExactly("bazaar-web");
        assertThat(idToken.getStringClaim("email")).isEqualTo(shopper.email());
        assertThat(idToken.getStringClaim("name")).isEqualTo("Test Shopper");
        given().auth().oauth2(tokens.accessToken())
                .when().get("/userinfo")
                .then().statusCode(200)
                .body("sub", equalTo(shopper.id().toString()))
                .body("email", equalTo(shopper.email()))
                .body("name", equalTo("Test Shopper"));
    }

    @Test
    void theTokenOpensIdentitysOwnApi() {
        Shopper shopper = newShopper();
        String token = browser().accessToken(shopper.email(), shopper.password());

        given().auth().oauth2(token)
                .when().get("/api/identity/me")
                .then().statusCode(200)
                .body("id", equalTo(shopper.id().toString()))
                .body("email", equalTo(shopper.email()))
                .body("roles", hasItems("CUSTOMER"))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));
        given().when().get("/api/identity/me")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.get().mint(c -> c.subject(shopper.id().toString())))
                .when().get("/api/identity/me")
                .then().statusCode(401);
    }

    @Test
    void discoveryNamesThePublicIssuerAndItsEndpoints() {
        JsonPath discovery = given().when().get("/.well-known/openid-configuration")
                .then().statusCode(200).extract().jsonPath();

        assertThat(discovery.getString("issuer")).isEqualTo(issuer);
        assertThat(discovery.getString("authorization_endpoint")).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(discovery.getString("token_endpoint")).isEqualTo(issuer + "/oauth2/token");
        assertThat(discovery.getString("jwks_uri")).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(discovery.getString("userinfo_endpoint")).isEqualTo(issuer + "/userinfo");
        assertThat(discovery.getList("code_challenge_methods_supported", String.class)).contains("S256");
    }

    @Test
    void theSignInPageIsAPlainFormWithACsrfToken() {
        given().accept("text/html")
                .when().get("/login")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\" action=\"/login\">"))
                .body(containsString("name=\"username\""))
                .body(containsString("type=\"password\""))
                .body(containsString("name=\"_csrf\""));
    }

    @Test
    void aWrongPasswordGetsNoCode() {
        Shopper shopper = newShopper();

        assertThatThrownBy(() -> browserAt("198.51.100.1").authorize(shopper.email(), "Not-the-password-1"))
                .isInstanceOf(ShopperLogin.LoginRefused.class);
        assertThatThrownBy(() -> browserAt("198.51.100.1").authorize("nobody-" + shopper.email(), shopper.password()))
                .isInstanceOf(ShopperLogin.LoginRefused.class);
    }

    @Test
    void aBrowserWithoutASessionIsSentFromAuthorizeToTheSignInPage() {
        given().redirects().follow(false).accept("text/html,application/xhtml+xml,*/*;q=0.8")
                .queryParam("response_type", "code")
                .queryParam("client_id", ShopperLogin.WEB_CLIENT_ID)
                .queryParam("redirect_uri", issuer + "/swagger-ui/oauth2-redirect.html")
                .queryParam("scope", "openid")
                .queryParam("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
                .queryParam("code_challenge_method", "S256")
                .when().get("/oauth2/authorize")
                .then().statusCode(302)
                .header("Location", endsWith("/login"));
    }

    @Test
    void refusesARedirectUriThatIsNotRegistered() {
        Shopper shopper = newShopper();

        assertThatThrownBy(() -> browser().withRedirectUri("http://evil.example/callback")
                .authorize(shopper.email(), shopper.password()))
                .isInstanceOfSatisfying(ShopperLogin.AuthorizationFailed.class,
                        e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aCodeWorksOnceAndOnlyWithItsVerifier() {
        Shopper shopper = newShopper();
        ShopperLogin.AuthorizationCode code = browser().authorize(shopper.email(), shopper.password());

        assertThatThrownBy(() -> browser().redeem(new ShopperLogin.AuthorizationCode(code.code(),
                "a-verifier-that-does-not-match-the-challenge-at-all", code.redirectUri())))
                .isInstanceOfSatisfying(ShopperLogin.AuthorizationFailed.class,
                        e -> assertThat(e.error()).isEqualTo("invalid_grant"));
        ShopperLogin.AuthorizationCode second = browser().authorize(shopper.email(), shopper.password());
        assertThat(browser().redeem(second).accessToken()).isNotBlank();
        assertThatThrownBy(() -> browser().redeem(second))
                .isInstanceOfSatisfying(ShopperLogin.AuthorizationFailed.class,
                        e -> assertThat(e.error()).isEqualTo("invalid_grant"));
    }

    @Test
    void signsInAtIdentityDirectlyWhenItIsItsOwnIssuer() throws Exception {
        // the issuer's own origin, as a developer's Swagger UI at identity would use it
        String token = ShopperLogin.to(URI.create(issuer)).accessToken("alice@bazaar.dev", "Alice-dev-password-1");

        assertThat(verified(token).getStringClaim("email")).isEqualTo("alice@bazaar.dev");
    }
}
