package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.InsufficientStock;
import dev.bazaar.proto.catalog.v1.ReleaseStockRequest;
import dev.bazaar.proto.catalog.v1.ReservationStatus;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.StockLine;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;

class ReserveStockIT extends CatalogIntegrationTest {

    private CatalogServiceGrpc.CatalogServiceBlockingStub catalog() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.service("order-service", "catalog.products.read", "catalog.stock.write"));
        return CatalogServiceGrpc.newBlockingStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static ReserveStockRequest reserve(UUID orderId, UUID productId, int quantity) {
        return ReserveStockRequest.newBuilder().setOrderId(orderId.toString())
                .addLines(StockLine.newBuilder().setProductId(productId.toString()).setQuantity(quantity)).build();
    }

    @Test
    void reservesNoMoreThanAvailableUnderConcurrency() throws Exception {
        UUID product = productWithStock(10);
        var stub = catalog();
        List<Callable<Boolean>> orders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            orders.add(() -> {
                try {
                    stub.reserveStock(reserve(UUID.randomUUID(), product, 1));
                    return true;
                } catch (StatusRuntimeException e) {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    return false;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long reserved;
        try {
            reserved = pool.invokeAll(orders).stream().filter(ReserveStockIT::succeeded).count();
        } finally {
            pool.shutdown();
        }

        assertThat(reserved).isEqualTo(10);
        assertThat(stockOf(product)).isEqualTo(new Stock(0, 10, 0));
        assertThat(jdbc.sql("select count(*) from reservations where status = 'RESERVED' and order_id in "
                + "(select order_id from reservation_lines where product_id = ?)").param(product)
                .query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void reservesOnceForTheSameOrderId() {
        UUID product = productWithStock(5);
        UUID order = UUID.randomUUID();

        var first = catalog().reserveStock(reserve(order, product, 2));
        var second = catalog().reserveStock(reserve(order, product, 2));

        assertThat(first.getStatus()).isEqualTo(ReservationStatus.RESERVATION_STATUS_RESERVED);
        assertThat(second.getStatus()).isEqualTo(ReservationStatus.RESERVATION_STATUS_RESERVED);
        assertThat(stockOf(product)).isEqualTo(new Stock(3, 2, 0));
    }

    @Test
    void reservesAllLinesOrNoneAndNamesEveryShortLine() {
        UUID plenty = productWithStock(50);
        UUID scarce = productWithStock(1);
        ReserveStockRequest request = ReserveStockRequest.newBuilder().setOrderId(UUID.randomUUID().toString())
                .addLines(StockLine.newBuilder().setProductId(plenty.toString()).setQuantity(5))
                .addLines(StockLine.newBuilder().setProductId(scarce.toString()).setQuantity(3))
                .build();

        assertThatThrownBy(() -> catalog().reserveStock(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    InsufficientStock details = unpack(e);
                    assertThat(details.getShortLinesList()).singleElement().satisfies(line -> {
                        assertThat(line.getProductId()).isEqualTo(scarce.toString());
                        assertThat(line.getRequested()).isEqualTo(3);
                        assertThat(line.getAvailable()).isEqualTo(1);
                    });
                });
        assertThat(stockOf(plenty)).isEqualTo(new Stock(50, 0, 0));
        assertThat(stockOf(scarce)).isEqualTo(new Stock(1, 0, 0));
    }

    @Test
    void releaseReturnsHeldUnitsOnceAndRefusesALateReserve() {
        UUID product = productWithStock(4);
        UUID order = UUID.randomUUID();
        catalog().reserveStock(reserve(order, product, 3));

        catalog().releaseStock(ReleaseStockRequest.newBuilder().setOrderId(order.toString()).build());
        catalog().releaseStock(ReleaseStockRequest.newBuilder().setOrderId(order.toString()).build());

        assertThat(stockOf(product)).isEqualTo(new Stock(4, 0, 0));
        assertThatThrownBy(() -> catalog().reserveStock(reserve(order, product, 3)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        assertThat(stockOf(product)).isEqualTo(new Stock(4, 0, 0));
    }

    @Test
    void rejectsMalformedRequestsWithInvalidArgument() {
        UUID product = productWithStock(5);
        List<ReserveStockRequest> bad = List.of(
                ReserveStockRequest.newBuilder().setOrderId("not-a-uuid")
                        .addLines(StockLine.newBuilder().setProductId(product.toString()).setQuantity(1)).build(),
                ReserveStockRequest.newBuilder().setOrderId(UUID.randomUUID().toString()).build(),
                reserve(UUID.randomUUID(), product, 0),
                reserve(UUID.randomUUID(), product, -4),
                reserve(UUID.randomUUID(), product, 1_000_000));
        for (ReserveStockRequest request : bad) {
            assertThatThrownBy(() -> catalog().reserveStock(request))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
        assertThat(stockOf(product)).isEqualTo(new Stock(5, 0, 0));
    }

    @Test
    void unknownProductIsNotFound() {
        assertThatThrownBy(() -> catalog().reserveStock(reserve(UUID.randomUUID(), UUID.randomUUID(), 1)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    private static InsufficientStock unpack(StatusRuntimeException e) {
        try {
            com.google.rpc.Status status = StatusProto.fromThrowable(e);
            // beside the ErrorInfo every problem carries, the short lines
            assertThat(status.getDetailsList()).anySatisfy(detail -> assertThat(
                    detail.unpack(com.google.rpc.ErrorInfo.class).getReason()).isEqualTo("insufficient-stock"));
            return status.getDetailsList().stream().filter(detail -> detail.is(InsufficientStock.class)).findFirst()
                    .orElseThrow(() -> new AssertionError("no InsufficientStock detail")).unpack(InsufficientStock.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
    }

    private static boolean succeeded(Future<Boolean> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
