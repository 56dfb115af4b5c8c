package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.bazaar.testsupport.openapi.AnsweredBy;
import dev.bazaar.testsupport.openapi.ContractCheckingHttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.restassured.specification.RequestSpecification;

/** The payment stand-in is stopped, slowed or made to fail here; the others carry on. */
class ResilienceIT extends GatewayIntegrationTest {

    private final String shopper = tokens.customer(UUID.randomUUID());

    @AfterEach
    void bringPaymentBack() {
        payment.restart();
        // the load balancer's health check has to see it again before it gets traffic
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            breaker("payment").reset();
            return asShopper().when().get("/api/payments/ready").statusCode() == 200;
        });
        breaker("payment").reset();
    }

    @ParameterizedTest(name = "{0} to a stopped service gets 503")
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE"})
    void answersEveryMethodWith503ProblemWhenTheServiceIsDown(String method) {
        // the first call to a service sets up its load balancer; not what is measured here
        asShopper().when().get("/api/payments/warm-up").then().statusCode(200);
        payment.stop();

        long started = System.nanoTime();
        asShopper().contentType("application/json").body(method.equals("GET") ? "" : "{}")
                .when().request(method, "/api/payments/42")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:unavailable"))
                .body("status", equalTo(503))
                .body("service", equalTo("payment"))
                .body("traceId", notNullValue());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(paymentTimeoutMillis));
        // the other services are not affected
        given().when().get("/api/catalog/products").then().statusCode(200);
        asShopper().when().get("/api/orders").then().statusCode(200);
    }

    @Test
    void opensTheBreakerWhileTheServiceFailsAndClosesItOnceTheServiceIsBack() throws Exception {
        // four calls that outlast the route's timeout: the breaker's whole (test) window, all failed
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> slow = IntStream.range(0, 4).mapToObj(i -> executor.submit(() ->
                    asShopper().queryParam("delayMs", paymentTimeoutMillis + 1000).when().get("/api/payments/stuck")
                            .statusCode())).toList();
            for (Future<Integer> status : slow) {
                assertThat(status.get()).isEqualTo(504);
            }
        }
        assertThat(breaker("payment").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        asShopper().when().get("/api/payments/while-open")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("urn:bazaar:problem:unavailable"));
        assertThat(payment.callsTo("/api/payments/while-open")).isZero();
        given().when().get("/api/catalog/categories").then().statusCode(200);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> asShopper().when().get("/api/payments/42").statusCode() == 200);
        assertThat(breaker("payment").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void keepsTheBreakerClosedWhileNoInstanceIsHealthySoTheServiceIsCalledAsSoonAsItIsBack() {
        payment.stop();
        // once the health check has dropped the instance, a call is answered without being recorded
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            breaker("payment").reset();
            asShopper().when().get("/api/payments/42").then().statusCode(503);
            return breaker("payment").getMetrics().getNumberOfBufferedCalls() == 0;
        });

        for (int i = 0; i < 12; i++) {
            asShopper().when().get("/api/payments/42").then().statusCode(503)
                    .contentType("application/problem+json").body("service", equalTo("payment"));
        }
        assertThat(breaker("payment").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker("payment").getMetrics().getNumberOfBufferedCalls()).isZero();

        payment.restart();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> asShopper().when().get("/api/payments/42").statusCode() == 200);
        assertThat(breaker("payment").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** A default Resilience4j bulkhead (25 concurrent calls) would turn some of these into 503. */
    @Test
    void servesMoreConcurrentCallsThanADefaultBulkheadWouldAllow() throws Exception {
        int calls = 48;
        String caller = tokens.customer(UUID.randomUUID());
        List<Integer> statuses;
        try (HttpClient client = ContractCheckingHttpClient.of(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), AnsweredBy.GATEWAY_ITSELF);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpRequest slowRead = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/catalog/products?delayMs=500"))
                    .header("Authorization", bearer(caller)).build();
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(threads.submit(() -> client.send(slowRead, HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
        }

        assertThat(statuses).hasSize(calls).containsOnly(200);
    }

    @Test
    void answers504WhenTheServiceIsTooSlow() {
        long started = System.nanoTime();

        asShopper().queryParam("delayMs", 6000)
                .when().get("/api/payments/slow")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:gateway-timeout"))
                .body("service", equalTo("payment"));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(paymentTimeoutMillis - 100))
                .isLessThan(Duration.ofMillis(5000));
        // a call that may still be running is not repeated
        assertThat(payment.callsTo("/api/payments/slow")).isEqualTo(1);
    }

    @Test
    void retriesReadsButNotWritesWhenTheServiceAnswers503() {
        asShopper().queryParam("answer", 503).when().get("/api/payments/busy-read")
                .then().statusCode(503);
        asShopper().queryParam("answer", 503).contentType("application/json").body("{}")
                .when().post("/api/payments/busy-write")
                .then().statusCode(503);
        asShopper().queryParam("answer", 500).when().get("/api/payments/broken-read")
                .then().statusCode(500);

        assertThat(payment.callsTo("/api/payments/busy-read")).isEqualTo(3);
        assertThat(payment.callsTo("/api/payments/busy-write")).isEqualTo(1);
        assertThat(payment.callsTo("/api/payments/broken-read")).isEqualTo(1);
    }

    private RequestSpecification asShopper() {
        return given().header("Authorization", bearer(shopper));
    }
}
