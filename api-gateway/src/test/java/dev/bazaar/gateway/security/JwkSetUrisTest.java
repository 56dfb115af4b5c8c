package dev.bazaar.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.bazaar.gateway.config.GatewayProperties;
import dev.bazaar.gateway.config.SecurityProperties;

/** Where the gateway looks for identity's keys when BAZAAR_IDENTITY_URL lists several instances. */
class JwkSetUrisTest {

    @Test
    void asksEveryListedIdentityInstanceForItsJwks() {
        GatewayProperties gateway = gateway(List.of(URI.create("http://127.0.0.1:8084"), URI.create("http://127.0.0.1:9084/")));

        assertThat(AccessTokens.jwkSetUris(security(List.of()), gateway)).containsExactly(
                URI.create("http://127.0.0.1:8084/oauth2/jwks"), URI.create("http://127.0.0.1:9084/oauth2/jwks"));
    }

    @Test
    void prefersJwksUrlsGivenOutright() {
        List<URI> given = List.of(URI.create("http://keys-a/oauth2/jwks"), URI.create("http://keys-b/oauth2/jwks"));

        assertThat(AccessTokens.jwkSetUris(security(given), gateway(List.of(URI.create("http://identity:8084")))))
                .isEqualTo(given);
    }

    private static SecurityProperties security(List<URI> jwkSetUri) {
        return new SecurityProperties(URI.create("http://localhost:8080"), jwkSetUri, List.of("bazaar"),
                Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    private static GatewayProperties gateway(List<URI> identity) {
        return new GatewayProperties(Map.of("identity", identity), List.of(), DataSize.ofMegabytes(1),
                DataSize.ofKilobytes(8), DataSize.ofKilobytes(8), new GatewayProperties.RateLimit(""));
    }
}
