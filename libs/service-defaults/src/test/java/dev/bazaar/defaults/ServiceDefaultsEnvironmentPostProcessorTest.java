package dev.bazaar.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The deployment-wide settings every service derives its own from. */
class ServiceDefaultsEnvironmentPostProcessorTest {

    @Test
    void everyIdentityInstanceListedGetsItsJwksAndTokenEndpoint() {
        StandardEnvironment environment = environment(Map.of("BAZAAR_IDENTITY_URL", "http://127.0.0.1:8084, http://127.0.0.1:9084/"));

        assertThat(uris(environment, "bazaar.security.jwk-set-uri")).containsExactly(
                URI.create("http://127.0.0.1:8084/oauth2/jwks"), URI.create("http://127.0.0.1:9084/oauth2/jwks"));
        assertThat(uris(environment, "bazaar.service-client.token-uri")).containsExactly(
                URI.create("http://127.0.0.1:8084/oauth2/token"), URI.create("http://127.0.0.1:9084/oauth2/token"));
    }

    @Test
    void oneIdentityUrlWorksAsBeforeAndAnExplicitEndpointWins() {
        StandardEnvironment environment = environment(Map.of("BAZAAR_IDENTITY_URL", "http://identity:8084",
                "bazaar.service-client.token-uri", "http://elsewhere/token"));

        assertThat(uris(environment, "bazaar.security.jwk-set-uri")).containsExactly(URI.create("http://identity:8084/oauth2/jwks"));
        assertThat(uris(environment, "bazaar.service-client.token-uri")).containsExactly(URI.create("http://elsewhere/token"));
    }

    @Test
    void shutsDownGracefullyWithinTheTimeEveryRunnerGives() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("20s");
    }

    private static StandardEnvironment environment(Map<String, Object> given) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", given));
        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static List<URI> uris(StandardEnvironment environment, String name) {
        return Binder.get(environment).bind(name, Bindable.listOf(URI.class)).get();
    }
}
