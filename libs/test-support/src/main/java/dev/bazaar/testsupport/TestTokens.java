package dev.bazaar.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Mints access tokens the way identity-service does (RS256, {@code roles}, {@code scope},
 * {@code aud}), signed by a test key whose JWKS this class serves over HTTP. Services
 * under test validate them exactly as they validate real ones.
 */
public final class TestTokens {

    public static final String ISSUER = "http://bazaar.test";
    public static final String AUDIENCE = "bazaar";

    private static final TestTokens INSTANCE = new TestTokens();

    private final RSAKey key;
    private final RSAKey strangerKey;
    private final String jwkSetUri;
    private final String tokenUri;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            strangerKey = new RSAKeyGenerator(2048).keyID("stranger").generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            // client credentials for services under test: any client, the scopes it asks for
            server.createContext("/oauth2/token", exchange -> {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String scope = java.net.URLDecoder.decode(form.replaceAll(".*scope=([^&]*).*", "$1"), StandardCharsets.UTF_8);
                String token = sign(key, claims(c -> c.subject("test-service").claim("scope", form.contains("scope=") ? scope : "")));
                byte[] body = ("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
            tokenUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token";
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("cannot start the test JWKS", e);
        }
    }

    public static TestTokens get() {
        return INSTANCE;
    }

    /** Points the service's token checks at this class's issuer and JWKS. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("bazaar.security.issuer-url", () -> ISSUER);
        registry.add("bazaar.security.jwk-set-uri", () -> INSTANCE.jwkSetUri);
        registry.add("bazaar.security.audiences", () -> AUDIENCE);
        registry.add("bazaar.service-client.token-uri", () -> INSTANCE.tokenUri);
    }

    public String jwkSetUri() {
        return jwkSetUri;
    }

    /** A client-credentials token endpoint that grants whatever scopes are asked for. */
    public String tokenUri() {
        return tokenUri;
    }

    public String customer(UUID id) {
        return mint(c -> c.subject(id.toString()).claim("roles", List.of("CUSTOMER")).claim("email", id + "@example.com"));
    }

    public String admin() {
        return mint(c -> c.subject(UUID.randomUUID().toString()).claim("roles", List.of("ADMIN", "CUSTOMER")));
    }

    public String service(String clientId, String... scopes) {
        return mint(c -> c.subject(clientId).claim("scope", String.join(" ", scopes)));
    }

    /** A valid token, changed by the caller (e.g. expired, another issuer, no audience). */
    public String mint(Consumer<JWTClaimsSet.Builder> changes) {
        return sign(key, claims(changes));
    }

    /** A token signed by a key the JWKS does not publish. */
    public String mintWithUnknownKey(Consumer<JWTClaimsSet.Builder> changes) {
        return sign(strangerKey, claims(changes));
    }

    /** A token with {@code alg: none}: no signature at all. */
    public String unsigned(Consumer<JWTClaimsSet.Builder> changes) {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64(claims(changes).toString());
        return header + "." + payload + ".";
    }

    private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> changes) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
        changes.accept(builder);
        return builder.build();
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
