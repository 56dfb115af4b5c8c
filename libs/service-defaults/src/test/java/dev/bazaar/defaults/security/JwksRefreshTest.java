package dev.bazaar.defaults.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

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
import com.sun.net.httpserver.HttpServer;

/**
 * A key identity revokes stops being accepted within the JWKS refresh interval (here 1 s
 * instead of the default five minutes), tokens already verified with it are forgotten, and a
 * key that identity just began to sign with is accepted at once.
 */
class JwksRefreshTest {

    private static final String ISSUER = "http://bazaar.test";

    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet());
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer jwks;
    private RSAKey keyA;
    private RSAKey keyB;

    @BeforeEach
    void serveJwks() throws IOException, JOSEException {
        keyA = new RSAKeyGenerator(2048).keyID("key-a-" + UUID.randomUUID()).generate();
        keyB = new RSAKeyGenerator(2048).keyID("key-b-" + UUID.randomUUID()).generate();
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/oauth2/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
    }

    @AfterEach
    void stopJwks() {
        jwks.stop(0);
    }

    @Test
    void refusesAndForgetsTheTokensOfARevokedKeyWithinTheRefreshIntervalAndAcceptsANewKeyAtOnce() {
        publish(keyA);
        String tokenOfA = sign(keyA);

        service("1s").run(context -> {
            VerifiedTokens decoder = (VerifiedTokens) context.getBean(JwtDecoder.class);
            assertThat(decoder.decode(tokenOfA).getSubject()).isEqualTo("shopper");
            assertThat(decoder.remembered()).isEqualTo(1);

            publish(keyB);
            String tokenOfB = sign(keyB);
            assertThat(decoder.decode(tokenOfB).getSubject()).isEqualTo("shopper");

            await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThatThrownBy(() -> decoder.decode(tokenOfA)).isInstanceOf(JwtException.class));
            assertThat(decoder.remembered()).isEqualTo(1);
            assertThat(decoder.decode(tokenOfB).getSubject()).isEqualTo("shopper");
        });
    }

    @Test
    void forgetsAVerifiedTokenOfARevokedKeyWithoutBeingAsked() {
        publish(keyA);
        String tokenOfA = sign(keyA);

        service("1s").run(context -> {
            VerifiedTokens decoder = (VerifiedTokens) context.getBean(JwtDecoder.class);
            decoder.decode(tokenOfA);

            publish(keyB);

            await().atMost(Duration.ofSeconds(3)).until(() -> decoder.remembered() == 0);
        });
    }

    @Test
    void looksForUnknownKeysAtMostOncePerGapSoRandomKeyIdsCannotFloodIdentity() throws JOSEException {
        publish(keyA);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();

        service("5m").run(context -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            decoder.decode(sign(keyA));
            int afterFirstUse = fetches.get();

            for (int i = 0; i < 20; i++) {
                String forged = sign(new RSAKey.Builder(stranger).keyID("random-" + i).build());
                assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
            }

            assertThat(fetches.get() - afterFirstUse).isLessThanOrEqualTo(1);
        });
    }

    private ApplicationContextRunner service(String refresh) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ResourceServerConfiguration.class))
                .withPropertyValues("bazaar.security.issuer-url=" + ISSUER,
                        "bazaar.security.jwk-set-uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/oauth2/jwks",
                        "bazaar.security.jwks-refresh=" + refresh);
    }

    private void publish(JWK... keys) {
        published.set(new JWKSet(List.of(keys).stream().map(JWK::toPublicJWK).toList()));
    }

    private static String sign(RSAKey key) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("shopper").audience("bazaar")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
