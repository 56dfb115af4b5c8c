package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AccessLogIT extends GatewayIntegrationTest {

    @Test
    void logsOneJsonLinePerRequestWithRouteAndStatusButNotTheQuery(CapturedOutput output) {
        given().when().get("/api/catalog/products?q=private-words").then().statusCode(200);
        given().when().get("/api/orders").then().statusCode(401);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("\"message\":\"request served\"")))
                .anySatisfy(line -> assertThat(line).contains("\"path\":\"/api/catalog/products\"",
                        "\"status\":200", "\"route\":\"catalog\"", "\"method\":\"GET\""))
                .anySatisfy(line -> assertThat(line).contains("\"path\":\"/api/orders\"", "\"status\":401")));
        assertThat(output.getOut()).doesNotContain("private-words");
    }
}
