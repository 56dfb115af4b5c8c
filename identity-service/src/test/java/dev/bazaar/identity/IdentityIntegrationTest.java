package dev.bazaar.identity;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.BazaarTestProperties;
import dev.bazaar.testsupport.ShopperLogin;
import dev.bazaar.testsupport.TestPostgres;
import dev.bazaar.testsupport.TestRabbit;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * identity-service as a whole, on the real Postgres and RabbitMQ: its own database, its
 * own exchange, HTTP and gRPC on free ports chosen here. The issuer is identity's own
 * URL by the name {@code localhost}, while tests send requests to {@code 127.0.0.1}: two
 * origins, as with a gateway in front. Every test class extends this one, so they share
 * one application context.
 */
@SpringBootTest(classes = { IdentityApplication.class, PasswordsSeen.Configuration.class },
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("dev")
public abstract class IdentityIntegrationTest {

    protected static final int httpPort = FreePorts.next();
    protected static final int grpcPort = FreePorts.next();
    protected static final int managementPort = FreePorts.next();
    protected static final String issuer = "http://localhost:" + httpPort;
    protected static final URI identity = URI.create("http://127.0.0.1:" + httpPort);

    protected static final String ADMIN_EMAIL = "admin@bazaar.dev";
    protected static final String ADMIN_PASSWORD = "Dev-admin-password-1";
    protected static final String ORDER_SERVICE_SECRET = "dev-order-service-secret";

    protected static TestPostgres.Database database;
    protected static TestRabbit.Isolation rabbit;
    private static ManagedChannel channel;
    private static String adminToken;
    private static Instant adminTokenAt = Instant.MIN;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        database = BazaarTestProperties.postgres(registry, "identity");
        rabbit = BazaarTestProperties.rabbit(registry);
        registry.add("server.port", () -> httpPort);
        registry.add("spring.grpc.server.port", () -> grpcPort);
        registry.add("management.server.port", () -> managementPort);
        registry.add("bazaar.security.issuer-url", () -> issuer);
        // the test's "gateway" is 127.0.0.1 (and ::1); callers bound to 127.0.0.2 or 127.0.0.3 are not proxies
        registry.add("bazaar.identity.trusted-proxies", () -> "127.0.0.1/32,::1");
        // short holds, so a test waits out a pair's growing delay in a few seconds instead of minutes
        registry.add("bazaar.identity.login-throttle.first-delay", () -> "100ms");
        registry.add("bazaar.identity.login-throttle.max-delay", () -> "500ms");
        registry.add("bazaar.identity.login-throttle.account-slowdown-failures", () -> "12");
        registry.add("bazaar.identity.login-throttle.account-delay", () -> "5s");
    }

    @BeforeEach
    void pointRestAssuredAtTheService() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = httpPort;
        RestAssured.basePath = "";
    }

    /** The shopper's browser: signs in at identity for the public issuer. */
    protected static ShopperLogin browser() {
        return ShopperLogin.to(identity, URI.create(issuer));
    }

    /** A browser at a client address of its own, so its failed sign-ins lock no one else out. */
    protected static ShopperLogin browserAt(String address) {
        return browser().withHeader("X-Forwarded-For", address);
    }

    protected static synchronized String adminToken() {
        if (adminTokenAt.isBefore(Instant.now().minus(Duration.ofMinutes(3)))) {
            adminToken = browser().accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
            adminTokenAt = Instant.now();
        }
        return adminToken;
    }

    /** After the admin's token stopped working (its signing key was revoked): the next call signs in again. */
    protected static synchronized void forgetAdminToken() {
        adminTokenAt = Instant.MIN;
    }

    protected record Shopper(UUID id, String email, String password) {
    }

    /** A new shopper, signed up over REST, so tests never share accounts. */
    protected static Shopper newShopper() {
        String email = "shopper-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "Shopper-pass-" + UUID.randomUUID().toString().substring(0, 6);
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", "Test Shopper"))
                .when().post("/api/identity/register")
                .then().statusCode(201).extract().path("id");
        return new Shopper(UUID.fromString(id), email, password);
    }

    protected static Response clientCredentials(String clientId, String secret, String scope) {
        var request = given().auth().preemptive().basic(clientId, secret)
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials");
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.when().post("/oauth2/token");
    }

    protected static JWKSet publishedKeys() {
        try {
            return JWKSet.load(URI.create(identity + "/oauth2/jwks").toURL());
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the signature against the published JWKS, as any resource server would, and returns the claims. */
    protected static JWTClaimsSet verified(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = publishedKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null) {
                throw new AssertionError("the JWKS does not publish key " + jwt.getHeader().getKeyID());
            }
            if (!jwt.verify(new RSASSAVerifier(key.toRSAKey()))) {
                throw new AssertionError("the signature does not verify with key " + key.getKeyID());
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not a signed JWT: " + e.getMessage(), e);
        }
    }

    protected static String kidOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    protected static synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        }
        return channel;
    }

    protected long userCount() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }
}
