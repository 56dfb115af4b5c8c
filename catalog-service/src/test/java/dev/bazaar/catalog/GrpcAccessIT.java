package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.ReleaseStockRequest;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.StockLine;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;

class GrpcAccessIT extends CatalogIntegrationTest {

    private CatalogServiceGrpc.CatalogServiceBlockingStub withToken(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return CatalogServiceGrpc.newBlockingStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static GetProductsRequest anyProduct() {
        return GetProductsRequest.newBuilder().addProductIds(UUID.randomUUID().toString()).build();
    }

    @Test
    void refusesCallsWithoutAToken() {
        var stub = CatalogServiceGrpc.newBlockingStub(channel());
        assertThatThrownBy(() -> stub.getProducts(anyProduct()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void logsEachCallWithItsMethodAndStatusRefusedOnesIncluded(CapturedOutput output) {
        assertThatThrownBy(() -> CatalogServiceGrpc.newBlockingStub(channel()).getProducts(anyProduct()))
                .isInstanceOf(StatusRuntimeException.class);
        withToken(tokens.service("order-service", "catalog.products.read")).getProducts(GetProductsRequest.newBuilder()
                .addProductIds(productWithStock(1).toString()).build());

        assertThat(output.getOut().lines().filter(line -> line.contains("grpc call served")))
                .anySatisfy(line -> assertThat(line).contains("bazaar.catalog.v1.CatalogService/GetProducts", "UNAUTHENTICATED"))
                .anySatisfy(line -> assertThat(line).contains("bazaar.catalog.v1.CatalogService/GetProducts", "\"OK\""));
    }

    @Test
    void refusesForgedExpiredAndUnsignedTokens() {
        for (String token : new String[] {
                tokens.mintWithUnknownKey(c -> c.claim("scope", "catalog.products.read")),
                tokens.mint(c -> c.claim("scope", "catalog.products.read")
                        .expirationTime(java.util.Date.from(java.time.Instant.now().minusSeconds(120)))),
                tokens.unsigned(c -> c.claim("scope", "catalog.products.read")),
                tokens.mint(c -> c.claim("scope", "catalog.products.read").issuer("http://evil.example"))}) {
            assertThatThrownBy(() -> withToken(token).getProducts(anyProduct()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        }
    }

    @Test
    void refusesATokenWithoutTheMethodsScope() {
        UUID product = productWithStock(3);
        var readOnly = withToken(tokens.service("reporting", "catalog.products.read"));
        var shopper = withToken(tokens.customer(UUID.randomUUID()));
        ReserveStockRequest reserve = ReserveStockRequest.newBuilder().setOrderId(UUID.randomUUID().toString())
                .addLines(StockLine.newBuilder().setProductId(product.toString()).setQuantity(1)).build();

        assertThatThrownBy(() -> readOnly.reserveStock(reserve))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> shopper.releaseStock(ReleaseStockRequest.newBuilder()
                .setOrderId(UUID.randomUUID().toString()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(stockOf(product)).isEqualTo(new Stock(3, 0, 0));
    }

    @Test
    void answersWithTheRightScope() {
        UUID product = productWithStock(7);
        var response = withToken(tokens.service("order-service", "catalog.products.read"))
                .getProducts(GetProductsRequest.newBuilder().addProductIds(product.toString()).build());

        assertThat(response.getProductsList()).singleElement().satisfies(p -> {
            assertThat(p.getId()).isEqualTo(product.toString());
            assertThat(p.getPrice().getAmount()).isEqualTo(2599);
            assertThat(p.getPrice().getCurrency()).isEqualTo("EUR");
            assertThat(p.getAvailable()).isEqualTo(7);
            assertThat(p.getPurchasable()).isTrue();
        });
    }

    @Test
    void healthNeedsNoToken() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel())
                .check(HealthCheckRequest.newBuilder().build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }
}
