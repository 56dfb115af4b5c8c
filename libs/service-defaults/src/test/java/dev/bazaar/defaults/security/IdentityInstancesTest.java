package dev.bazaar.defaults.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;

import dev.bazaar.defaults.grpc.ServiceTokenProperties;
import dev.bazaar.defaults.grpc.ServiceTokens;
import dev.bazaar.defaults.peers.PeerUrls;

/** Key look-ups and service tokens keep working while one of two identity instances is down. */
class IdentityInstancesTest {

    private HttpServer first;
    private HttpServer second;
    private RSAKey key;

    @BeforeEach
    void startTwoIdentities() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("shared-key").generate();
        first = identity("first");
        second = identity("second");
    }

    @AfterEach
    void stop() {
        first.stop(0);
        second.stop(0);
    }

    @Test
    void keysAreFetchedFromTheInstanceThatIsUp() throws Exception {
        IdentityKeys keys = new IdentityKeys(PeerUrls.of(List.of(url(first, "/oauth2/jwks"), url(second, "/oauth2/jwks"))),
                Duration.ofMinutes(5), Duration.ofSeconds(5), Clock.systemUTC());
        first.stop(0);

        var found = keys.get(new JWKSelector(new JWKMatcher.Builder().keyID("shared-key").build()), null);

        assertThat(found).extracting(k -> k.getKeyID()).containsExactly("shared-key");
    }

    @Test
    void tokensComeFromTheInstanceThatIsUp() {
        ServiceTokens tokens = new ServiceTokens(new ServiceTokenProperties("order-service", "secret",
                List.of(url(first, "/oauth2/token"), url(second, "/oauth2/token")), List.of(),
                Duration.ofSeconds(30), Duration.ofSeconds(2)), Clock.systemUTC());
        second.stop(0);

        assertThat(tokens.current()).isEqualTo("token-from-first");
    }

    private HttpServer identity(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth2/jwks", exchange -> {
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/oauth2/token", exchange -> {
            byte[] body = ("{\"access_token\": \"token-from-" + name + "\", \"expires_in\": 300}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
