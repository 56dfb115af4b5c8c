package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Actuator lives on a port of its own, which is never published: the application port,
 * the one the gateway routes to, shows none of it.
 */
class ManagementPortIT extends CatalogIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void servesHealthAndMetricsOnTheManagementPortOnly() {
        assertThat(managementPort).isPositive().isNotEqualTo(httpPort);

        given().port(managementPort).when().get("/actuator/health")
                .then().statusCode(200).body("status", equalTo("UP"));
        given().port(managementPort).when().get("/actuator/prometheus")
                .then().statusCode(200).body(containsString("jvm_memory_used_bytes"));

        // with a token, so that only whether the endpoint exists on this port decides the answer
        String admin = tokens.admin();
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/metrics",
                "/actuator/info", "/actuator/env"}) {
            given().auth().oauth2(admin).when().get(path).then().log().ifValidationFails().statusCode(404);
        }
        given().when().get("/actuator/prometheus").then().statusCode(404);
    }
}
