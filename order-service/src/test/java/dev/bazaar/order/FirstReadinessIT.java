package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bazaar.testsupport.BazaarTestProperties;
import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.TestTokens;

/**
 * order-service started before its peers: not ready until catalog and identity answer, so
 * the gateway never sends it a first checkout that would meet cold or absent peers; ready
 * for good after that, so a peer that goes away later does not take it out of rotation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FirstReadinessIT {

    private static final int peerPort = FreePorts.next();

    @LocalServerPort
    int httpPort;

    /** Health with its components is on the management port; the application port has the bare /readyz. */
    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        BazaarTestProperties.postgres(registry, "orders");
        BazaarTestProperties.rabbit(registry);
        TestTokens.register(registry);
        registry.add("bazaar.order.catalog-grpc", () -> "127.0.0.1:" + peerPort);
        registry.add("bazaar.order.identity-grpc", () -> "127.0.0.1:" + peerPort);
        registry.add("spring.grpc.server.port", () -> FreePorts.next());
    }

    @Test
    void isReadyOnlyOnceItsPeersAnsweredAndStaysReadyWhenTheyLeave() {
        // the service token comes first (the test's token endpoint answers), then it waits for catalog
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().port(managementPort)
                .get("/actuator/health").then().statusCode(503)
                .body("components.peerWarmUp.status", equalTo("OUT_OF_SERVICE")));
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> readiness() == 503);

        StandInPeers peers = new StandInPeers(peerPort);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
        } finally {
            peers.stop();
        }

        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> readiness() == 200);
    }

    /** Readiness as the orchestrator and the gateway read it; both ports must agree. */
    private int readiness() {
        int onManagementPort = given().port(managementPort).get("/actuator/health/readiness").statusCode();
        int onApplicationPort = given().port(httpPort).get("/readyz").statusCode();
        return onManagementPort == onApplicationPort ? onManagementPort : -1;
    }
}
