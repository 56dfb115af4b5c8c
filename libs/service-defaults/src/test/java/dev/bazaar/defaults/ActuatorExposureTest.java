package dev.bazaar.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import dev.bazaar.defaults.security.ResourceServerDefaults;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Actuator shows on each port: on the application port only the liveness and
 * readiness groups, at /livez and /readyz, without details; on the management port health,
 * info, metrics and Prometheus without a token, health without details.
 */
@SpringBootTest(classes = ActuatorExposureTest.ServiceWithTokens.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ActuatorExposureTest {

    static final String SHOPPER_TOKEN = "a-shoppers-token";
    private static final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void servesTheManagementPortOnItsOwn() {
        assertThat(managementPort).isPositive().isNotEqualTo(port);
    }

    @Test
    void answersNoMetricsOnTheApplicationPortEvenToAShopper() throws Exception {
        HttpResponse<String> metrics = get(port, "/actuator/metrics", SHOPPER_TOKEN);

        assertThat(metrics.statusCode()).isIn(401, 403, 404);
        assertThat(metrics.statusCode()).isEqualTo(404);
        assertThat(metrics.body()).doesNotContain("jvm.memory");
    }

    @Test
    void answersNothingElseOfActuatorOnTheApplicationPort() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/info", "/actuator",
                "/actuator/health/readiness", "/actuator/env"}) {
            HttpResponse<String> response = get(port, path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("jvm_").doesNotContain("\"UP\"");
        }
    }

    @Test
    void answersLivenessAndReadinessOnTheApplicationPortWithoutDetails() throws Exception {
        for (String path : new String[] {"/livez", "/readyz"}) {
            HttpResponse<String> response = get(port, path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.path("status").asString()).as(path).isEqualTo("UP");
            assertThat(body.has("details")).as(path).isFalse();
            assertThat(body.has("components")).as(path).isFalse();
        }
    }

    @Test
    void servesPrometheusMetricsInfoAndHealthOnTheManagementPortWithoutAToken() throws Exception {
        HttpResponse<String> prometheus = get(managementPort, "/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_");

        assertThat(get(managementPort, "/actuator/metrics", null).statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/info", null).statusCode()).isEqualTo(200);

        HttpResponse<String> health = get(managementPort, "/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(health.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        // which parts are up, but no disk paths or database versions
        assertThat(body.path("components").path("diskSpace").path("status").asString()).isEqualTo("UP");
        assertThat(health.body()).doesNotContain("details").doesNotContain("\"path\"");
    }

    private HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A service as the real ones are: everything but the defaults' open paths needs a token. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ServiceWithTokens {

        @Bean
        SecurityFilterChain api(HttpSecurity http, ResourceServerDefaults defaults) throws Exception {
            defaults.apply(http).authorizeHttpRequests(a -> a.anyRequest().authenticated());
            return http.build();
        }

        @Bean
        JwtDecoder shopperTokens() {
            return token -> {
                if (!SHOPPER_TOKEN.equals(token)) {
                    throw new BadJwtException("unknown token");
                }
                return Jwt.withTokenValue(token).header("alg", "RS256").subject("shopper")
                        .claim("roles", java.util.List.of("CUSTOMER")).build();
            };
        }
    }
}
