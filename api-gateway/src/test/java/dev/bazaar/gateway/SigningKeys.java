package dev.bazaar.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.bazaar.testsupport.TestTokens;

/**
 * Stands in for identity's JWKS while its keys rotate: keys are published and withdrawn by the
 * test, each fetch is counted, and the endpoint can be made to fail. Tokens are minted with the
 * claims {@link TestTokens} uses (issuer, audience, a shopper's roles), so only the key differs.
 */
public final class SigningKeys {

    private final Map<String, JWK> published = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile boolean failing;
    private final HttpServer server;

    private SigningKeys(List<JWK> initial) throws IOException {
        initial.forEach(key -> published.put(key.getKeyID(), key));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/oauth2/jwks", this::answer);
        server.start();
    }

    /** An empty JWKS. */
    public static SigningKeys start() {
        try {
            return new SigningKeys(List.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the JWKS stand-in", e);
        }
    }

    /** Publishes {@link TestTokens}' key too, so its tokens stay valid against this JWKS. */
    public static SigningKeys alongside(TestTokens tokens) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String jwks = http.send(HttpRequest.newBuilder(URI.create(tokens.jwkSetUri())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new SigningKeys(JWKSet.parse(jwks).getKeys());
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the test tokens' JWKS", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
    }

    /** A new signing key, not published yet. */
    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("rotated-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publish(RSAKey key) {
        published.put(key.getKeyID(), key.toPublicJWK());
    }

    public void withdraw(RSAKey key) {
        published.remove(key.getKeyID());
    }

    /** While on, the endpoint answers 503. */
    public void failing(boolean on) {
        failing = on;
    }

    /** Stops answering at all: a connection to it is refused. */
    public void stop() {
        server.stop(0);
    }

    public int fetches() {
        return fetches.get();
    }

    /** A shopper's token signed by this key. */
    public static String customerToken(RSAKey key) {
        return customerToken(key, key.getKeyID());
    }

    /** A shopper's token signed by this key, its header naming any key id. */
    public static String customerToken(RSAKey key, String keyId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .claim("roles", List.of("CUSTOMER"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            fetches.incrementAndGet();
            if (failing) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = new JWKSet(List.copyOf(published.values())).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
