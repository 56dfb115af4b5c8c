package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** Actuator lives on the management port, which is never published; the application port does not serve it. */
class ManagementPortIT extends OrderIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void servesMetricsOnTheManagementPortAndNotOnTheApplicationPort() {
        assertThat(managementPort).isNotEqualTo(httpPort);

        given().port(managementPort).when().get("/actuator/prometheus").then().statusCode(200);
        given().port(managementPort).when().get("/actuator/health/readiness").then().statusCode(200);
        given().port(httpPort).when().get("/actuator/prometheus").then().statusCode(404);
    }
}
