package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With a management port (as in docker-compose.yml), Prometheus scrapes the gateway there
 * without a token; that port is never published, and the public port serves no metrics.
 */
// a context of its own, closed after the class: left to the JVM's exit, two open contexts outlast surefire's grace
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ManagementPortIT extends GatewayIntegrationTest {

    @LocalManagementPort
    private int managementPort;

    @Test
    void servesMetricsAndHealthOnTheManagementPortWithoutAToken() {
        given().when().get("/api/orders").then().statusCode(401);

        given().port(managementPort).when().get("/actuator/prometheus")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_bucket"));
        given().port(managementPort).when().get("/actuator/health/readiness")
                .then().statusCode(200);
    }

    @Test
    void servesNoActuatorOnThePublicPort() {
        given().header("Authorization", bearer(tokens.admin())).when().get("/actuator/prometheus")
                .then().statusCode(404);
    }
}
