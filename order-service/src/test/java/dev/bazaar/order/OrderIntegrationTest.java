package dev.bazaar.order;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.BazaarTestProperties;
import dev.bazaar.testsupport.TestRabbit;
import dev.bazaar.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * order-service on the real Postgres and RabbitMQ, with catalog and identity stood in
 * over real gRPC. All test classes share this context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OrderIntegrationTest {

    protected static final TestTokens tokens = TestTokens.get();
    private static final int peerPort = FreePorts.next();
    protected static final StandInPeers peers = new StandInPeers(peerPort);
    protected static TestRabbit.Isolation rabbit;

    @LocalServerPort
    int httpPort;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        BazaarTestProperties.postgres(registry, "orders");
        rabbit = BazaarTestProperties.rabbit(registry);
        TestTokens.register(registry);
        registry.add("bazaar.order.catalog-grpc", () -> "127.0.0.1:" + peerPort);
        registry.add("bazaar.order.identity-grpc", () -> "127.0.0.1:" + peerPort);
        registry.add("bazaar.order.timeout-check-interval", () -> "300ms");
        registry.add("bazaar.order.sweep-interval", () -> "300ms");
        // a twin waits less than a claim takes to count as abandoned, so a slow first
        // request is waited for, not swept under the waiting twin
        registry.add("bazaar.idempotency.twin-wait", () -> "2s");
        registry.add("bazaar.order.abandon-after", () -> "5s");
        registry.add("spring.grpc.server.port", () -> FreePorts.next());
    }

    @BeforeEach
    void pointRestAssuredAtTheService() {
        RestAssured.port = httpPort;
    }

    protected static String orderJson(UUID product, int quantity) {
        return """
                {"lines": [{"productId": "%s", "quantity": %d}],
                 "shippingAddress": {"name": "Ada Lovelace", "line1": "12 Analytical Row", "city": "London",
                                     "postalCode": "N1 9GU", "country": "GB"},
                 "paymentToken": "tok_visa"}""".formatted(product, quantity);
    }

    protected static Response place(String token, String key, String body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/orders");
    }

    protected long orderCount() {
        return jdbc.sql("select count(*) from orders").query(Long.class).single();
    }

}
