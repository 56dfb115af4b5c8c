package dev.bazaar.identity;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

/** Actuator lives on the management port (never published); the application port serves none of it. */
class ManagementPortIT extends IdentityIntegrationTest {

    @Test
    void actuatorAnswersOnTheManagementPortOnly() {
        for (String path : new String[] {"/actuator/health", "/actuator/info", "/actuator/prometheus"}) {
            given().port(managementPort).when().get(path).then().statusCode(200);
            given().when().get(path).then().statusCode(404);
        }
    }
}
