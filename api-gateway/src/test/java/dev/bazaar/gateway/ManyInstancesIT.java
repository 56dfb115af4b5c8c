package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of order behind the gateway. The health checks run once at start and then not
 * for an hour here, so an instance that stops is still in the balancer's list when requests
 * meet it: as in production between two checks, right after an instance died.
 */
class ManyInstancesIT extends GatewayIntegrationTest {

    private static final Backend secondOrder = Backend.start("order");

    @Autowired
    LoadBalancerClientFactory balancers;

    @DynamicPropertySource
    static void twoOrderInstances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.order[1].uri", secondOrder::url);
        // order's own settings: the shared ones are the base class's
        registry.add("spring.cloud.loadbalancer.clients.order.health-check.interval", () -> "1h");
        registry.add("spring.cloud.loadbalancer.clients.order.health-check.refetch-instances-interval", () -> "1h");
        // the other services' checks keep the client's event loops busy until the JVM exits, so a
        // quiet period would never come and closing this second gateway would wait out the timeout
        registry.add("spring.reactor.netty.shutdown-quiet-period", () -> "0s");
    }

    @BeforeEach
    void bothInstancesListed() {
        assertThat(balancers.getProperties("order").getHealthCheck().getInterval()).isEqualTo(Duration.ofHours(1));
    }

    @AfterEach
    void bringTheSecondBack() {
        secondOrder.restart();
        breaker("order").reset();
    }

    @Test
    void spreadsRequestsOverBothInstances() {
        String shopper = bearer(tokens.customer(UUID.randomUUID()));

        for (int i = 0; i < 10; i++) {
            given().header("Authorization", shopper).when().get("/api/orders/spread").then().statusCode(200);
        }

        assertThat(order.callsTo("/api/orders/spread")).isPositive();
        assertThat(secondOrder.callsTo("/api/orders/spread")).isPositive();
        assertThat(order.callsTo("/api/orders/spread") + secondOrder.callsTo("/api/orders/spread")).isEqualTo(10);
    }

    @Test
    void servesEveryRequestFromTheOtherInstanceRightAfterOneStops() {
        String shopper = bearer(tokens.customer(UUID.randomUUID()));
        secondOrder.stop();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(given().header("Authorization", shopper).when().get("/api/orders/after-stop").statusCode());
            statuses.add(given().header("Authorization", shopper).contentType("application/json").body("{}")
                    .when().post("/api/orders/after-stop/cancel").statusCode());
        }
        for (int i = 0; i < 3; i++) {
            // a shopper each: placing an order has the tight per-caller budget
            statuses.add(given().header("Authorization", bearer(tokens.customer(UUID.randomUUID())))
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType("application/json").body("{\"lines\":[]}")
                    .when().post("/api/orders").statusCode());
        }

        assertThat(statuses).hasSize(15).containsOnly(200);
        assertThat(order.callsTo("/api/orders/after-stop")).isEqualTo(6);
        assertThat(order.callsTo("/api/orders/after-stop/cancel")).isEqualTo(6);
    }

    @Test
    void neverRepeatsAPostThatReachedAnInstance() {
        String shopper = bearer(tokens.customer(UUID.randomUUID()));

        given().header("Authorization", shopper).contentType("application/json").body("{}")
                .queryParam("answer", 503)
                .when().post("/api/orders/answered-503/cancel")
                .then().statusCode(503);

        assertThat(order.callsTo("/api/orders/answered-503/cancel") + secondOrder.callsTo("/api/orders/answered-503/cancel"))
                .isEqualTo(1);
    }
}
