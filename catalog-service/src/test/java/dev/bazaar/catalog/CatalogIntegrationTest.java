package dev.bazaar.catalog;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.BazaarTestProperties;
import dev.bazaar.testsupport.TestRabbit;
import dev.bazaar.testsupport.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.restassured.RestAssured;

/**
 * catalog-service as a whole, on the real Postgres and RabbitMQ: its own database (with
 * the demo catalog of the dev profile), its own exchange, HTTP and gRPC on free ports.
 * Every test class extends this one, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
public abstract class CatalogIntegrationTest {

    protected static final TestTokens tokens = TestTokens.get();
    protected static final int grpcPort = FreePorts.next();
    protected static TestRabbit.Isolation rabbit;
    private static ManagedChannel channel;

    @LocalServerPort
    int httpPort;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        BazaarTestProperties.postgres(registry, "catalog");
        rabbit = BazaarTestProperties.rabbit(registry);
        TestTokens.register(registry);
        registry.add("spring.grpc.server.port", () -> grpcPort);
    }

    @BeforeEach
    void pointRestAssuredAtTheService() {
        RestAssured.port = httpPort;
        RestAssured.basePath = "";
    }

    protected static synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        }
        return channel;
    }

    /** A fresh product with the given stock, so tests never share rows. */
    protected UUID productWithStock(int units) {
        UUID id = UUID.randomUUID();
        UUID category = jdbc.sql("select id from categories order by slug limit 1").query(UUID.class).single();
        jdbc.sql("""
                insert into products (id, sku, name, description, brand, category_id, price_amount, currency)
                values (?, ?, 'Test Kettle', 'A kettle for tests', 'Testware', ?, 2599, 'EUR')""")
                .params(id, "TST-" + id.toString().substring(0, 8), category).update();
        jdbc.sql("insert into stock (product_id, available) values (?, ?)").params(id, units).update();
        jdbc.sql("insert into stock_adjustments (product_id, delta, reason, adjusted_by) values (?, ?, 'initial', 'test')")
                .params(id, units).update();
        return id;
    }

    protected Stock stockOf(UUID productId) {
        return jdbc.sql("select available, reserved, sold from stock where product_id = ?")
                .param(productId).query((rs, n) -> new Stock(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
    }

    protected record Stock(int available, int reserved, int sold) {
    }

}
