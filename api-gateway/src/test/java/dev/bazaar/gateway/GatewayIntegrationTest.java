package dev.bazaar.gateway;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bazaar.testsupport.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.restassured.RestAssured;

/**
 * The gateway as a whole, on the real Redis, in front of four stand-in services (small
 * HTTP servers on free ports that echo what they receive), with tokens from
 * {@link TestTokens} checked against a JWKS the tests can rotate ({@link SigningKeys}). Budgets, timeouts and the breaker are made small so a test sees them
 * act within seconds; rate-limit keys carry a prefix of this run, so a running system or
 * another test run on the same Redis keeps its own budgets. Every test class extends this
 * one, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    protected static final TestTokens tokens = TestTokens.get();
    /** the JWKS the gateway reads: {@link #tokens}' key and whatever a test rotates in */
    protected static final SigningKeys signingKeys = SigningKeys.alongside(tokens);
    protected static final Backend catalog = Backend.start("catalog");
    protected static final Backend order = Backend.start("order");
    protected static final Backend payment = Backend.start("payment");
    protected static final Backend identity = Backend.start("identity");
    protected static final int maxBodyBytes = 64 * 1024;
    protected static final int maxUriBytes = 8 * 1024;
    protected static final int maxHeaderBytes = 8 * 1024;
    protected static final long paymentTimeoutMillis = 2000;
    protected static final String corsOrigin = "https://shop.bazaar.test";

    /** gateway ports whose context has seen its backends once */
    private static final Set<Integer> started = ConcurrentHashMap.newKeySet();

    @LocalServerPort
    protected int port;

    @Autowired
    private ReactiveResilience4JCircuitBreakerFactory breakers;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestTokens.register(registry);
        registry.add("bazaar.security.jwk-set-uri", signingKeys::jwkSetUri);
        // a removed key is refused within a second; a new one is fetched at once, without a pause
        registry.add("bazaar.security.jwks-refresh", () -> "1s");
        registry.add("bazaar.security.jwks-refetch-gap", () -> "0s");
        URI redis = URI.create(System.getenv().getOrDefault("BAZAAR_REDIS_URL", "redis://127.0.0.1:6379"));
        registry.add("spring.data.redis.host", redis::getHost);
        registry.add("spring.data.redis.port", () -> redis.getPort() == -1 ? 6379 : redis.getPort());
        registry.add("bazaar.gateway.rate-limit.key-prefix", () -> "gateway-test-" + UUID.randomUUID() + ":");
        for (Backend backend : List.of(catalog, order, payment, identity)) {
            registry.add("spring.cloud.discovery.client.simple.instances." + backend.name() + "[0].uri", backend::url);
        }
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "300ms");
        // application.yml's 8180 would collide with a running gateway and other test runs
        registry.add("management.server.port", () -> 0);
        registry.add("bazaar.gateway.rate-limit.strict.replenish-rate", () -> 1);
        registry.add("bazaar.gateway.rate-limit.strict.burst-capacity", () -> 3);
        registry.add("bazaar.gateway.max-body-size", () -> maxBodyBytes + "B");
        registry.add("bazaar.gateway.max-uri-length", () -> maxUriBytes + "B");
        registry.add("bazaar.gateway.max-header-size", () -> maxHeaderBytes + "B");
        registry.add("bazaar.gateway.timeouts.payment", () -> paymentTimeoutMillis);
        registry.add("bazaar.gateway.cors-origins", () -> corsOrigin);
        registry.add("resilience4j.circuitbreaker.configs.default.sliding-window-size", () -> 4);
        registry.add("resilience4j.circuitbreaker.configs.default.minimum-number-of-calls", () -> 4);
        registry.add("resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state", () -> "1s");
        registry.add("resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state", () -> 1);
    }

    @BeforeEach
    void pointRestAssuredAtTheGateway() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
        RestAssured.basePath = "";
        if (started.add(port)) {
            awaitBalancersSeeEveryBackend();
        }
    }

    /**
     * The balancers' first health checks run while the context starts; until one has passed, a
     * route answers 503. Those 503s count against the breakers, which start closed again after.
     */
    private void awaitBalancersSeeEveryBackend() {
        for (Backend backend : List.of(catalog, order, payment, identity)) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> RestAssured.given().get("/v3/api-docs/" + backend.name()).statusCode() == 200);
            breaker(backend.name()).reset();
        }
    }

    protected CircuitBreaker breaker(String service) {
        return breakers.getCircuitBreakerRegistry().circuitBreaker(service);
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }
}
