package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Actuator lives on the management port (8180 by default, never published): Prometheus scrapes
 * it without a token. The public port keeps only the liveness and readiness groups, at
 * {@code /livez} and {@code /readyz}, with nothing but their status.
 */
class ManagementPortIT extends GatewayIntegrationTest {

    @LocalManagementPort
    private int managementPort;

    @Test
    void servesMetricsHealthAndInfoOnTheManagementPortWithoutAToken() {
        assertThat(managementPort).isNotEqualTo(port);
        given().when().get("/api/orders").then().statusCode(401);

        given().port(managementPort).when().get("/actuator/prometheus")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_bucket"));
        given().port(managementPort).when().get("/actuator/metrics/jvm.memory.used")
                .then().statusCode(200);
        given().port(managementPort).when().get("/actuator/info")
                .then().statusCode(200);
        given().port(managementPort).when().get("/actuator/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("components.redis.status", equalTo("UP"))
                // states, never details (versions, hosts)
                .body("components.redis.details", nullValue());
    }

    @Test
    void servesLivenessAndReadinessOnThePublicPortWithoutComponents() {
        given().when().get("/livez")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("components", nullValue());
        given().when().get("/readyz")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("components", nullValue());
    }

    @ParameterizedTest(name = "{0} is not on the public port")
    @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
            "/actuator/info", "/actuator/prometheus", "/actuator/metrics", "/actuator/env"})
    void servesNoActuatorOnThePublicPort(String path) {
        for (String authorization : new String[] {null, bearer(tokens.admin())}) {
            var request = given();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            request.when().get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:bazaar:problem:not-found"))
                    .body("traceId", notNullValue());
        }
    }

    @Test
    void checksEachServiceInstanceAtItsReadinessPath() {
        // the balancer only sends traffic to instances that passed this check
        given().when().get("/api/catalog/products").then().statusCode(200);

        assertThat(catalog.callsTo("/readyz")).isPositive();
    }
}
