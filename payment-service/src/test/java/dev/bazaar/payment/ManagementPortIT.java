package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Actuator lives on a port of its own, which is never published: the application port,
 * the one the gateway routes to, shows none of it.
 */
class ManagementPortIT extends PaymentIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void servesHealthAndMetricsOnTheManagementPortOnly() {
        assertThat(managementPort).isPositive().isNotEqualTo(httpPort);

        given().port(managementPort).when().get("/actuator/health")
                .then().statusCode(200).body("status", equalTo("UP"));
        given().port(managementPort).when().get("/actuator/prometheus")
                .then().statusCode(200).body(containsString("jvm_memory_used_bytes"));

        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/metrics",
                "/actuator/info"}) {
            given().when().get(path).then().log().ifValidationFails().statusCode(404);
        }
        // what the gateway and the platform probe on the application port: the two groups, no details
        for (String path : new String[] {"/livez", "/readyz"}) {
            given().when().get(path).then().log().ifValidationFails().statusCode(200)
                    .body("status", equalTo("UP"), "components", nullValue());
        }
    }
}
