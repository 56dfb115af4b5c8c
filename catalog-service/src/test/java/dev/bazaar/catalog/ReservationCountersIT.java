package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.StockLine;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

/**
 * Each catalog instance tells on its management port how many ReserveStock requests it served,
 * by outcome: what a run with several instances reads to see that each one took its share.
 */
class ReservationCountersIT extends CatalogIntegrationTest {

    private static final Pattern SAMPLE = Pattern.compile(
            "^bazaar_catalog_stock_reservations_total\\{[^}]*outcome=\"(\\w+)\"[^}]*\\} (\\S+)$", Pattern.MULTILINE);

    @LocalManagementPort
    int managementPort;

    @Test
    void countsEveryReserveStockRequestServedByItsOutcome() {
        Map<String, Double> before = scrape();
        UUID product = productWithStock(3);
        UUID order = UUID.randomUUID();

        catalog().reserveStock(reserve(order, product, 2));
        // order-service retrying the same order after a lost answer
        catalog().reserveStock(reserve(order, product, 2));
        assertThatThrownBy(() -> catalog().reserveStock(reserve(UUID.randomUUID(), product, 2)))
                .isInstanceOf(StatusRuntimeException.class);

        Map<String, Double> after = scrape();
        assertThat(after.get("reserved") - before.getOrDefault("reserved", 0.0)).isEqualTo(1.0);
        assertThat(after.get("replayed") - before.getOrDefault("replayed", 0.0)).isEqualTo(1.0);
        assertThat(after.get("insufficient") - before.getOrDefault("insufficient", 0.0)).isEqualTo(1.0);
    }

    private Map<String, Double> scrape() {
        String body = given().port(managementPort).when().get("/actuator/prometheus")
                .then().statusCode(200).extract().asString();
        Map<String, Double> samples = new java.util.HashMap<>();
        Matcher matcher = SAMPLE.matcher(body);
        while (matcher.find()) {
            samples.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
        }
        return samples;
    }

    private CatalogServiceGrpc.CatalogServiceBlockingStub catalog() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.service("order-service", "catalog.stock.write"));
        return CatalogServiceGrpc.newBlockingStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static ReserveStockRequest reserve(UUID orderId, UUID productId, int quantity) {
        return ReserveStockRequest.newBuilder().setOrderId(orderId.toString())
                .addLines(StockLine.newBuilder().setProductId(productId.toString()).setQuantity(quantity)).build();
    }
}
