package dev.bazaar.catalog.grpc;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.google.protobuf.Any;

import dev.bazaar.catalog.products.getproducts.CheckoutProductView;
import dev.bazaar.catalog.products.getproducts.GetProductsHandler;
import dev.bazaar.catalog.stock.ReservationView;
import dev.bazaar.catalog.stock.releasestock.ReleaseStockHandler;
import dev.bazaar.catalog.stock.reservestock.ReserveStock;
import dev.bazaar.catalog.stock.reservestock.ReserveStockHandler;
import dev.bazaar.defaults.grpc.GrpcArguments;
import dev.bazaar.defaults.grpc.ProblemStatusMapping;
import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.GetProductsResponse;
import dev.bazaar.proto.catalog.v1.ReleaseStockRequest;
import dev.bazaar.proto.catalog.v1.ReleaseStockResponse;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.ReserveStockResponse;
import dev.bazaar.proto.catalog.v1.ShortLine;
import dev.bazaar.proto.common.v1.Money;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

/**
 * The catalog's gRPC face: maps messages to the same handlers REST uses. Domain errors
 * become status codes in service-defaults; short stock gets the same status, with its
 * lines as typed details a client can read.
 */
@Service
class CatalogGrpcService extends CatalogServiceGrpc.CatalogServiceImplBase {

    private final GetProductsHandler getProducts;
    private final ReserveStockHandler reserveStock;
    private final ReleaseStockHandler releaseStock;
    private final ProblemStatusMapping problems;

    CatalogGrpcService(GetProductsHandler getProducts, ReserveStockHandler reserveStock,
            ReleaseStockHandler releaseStock, ProblemStatusMapping problems) {
        this.getProducts = getProducts;
        this.reserveStock = reserveStock;
        this.releaseStock = releaseStock;
        this.problems = problems;
    }

    @Override
    public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> responses) {
        List<UUID> ids = request.getProductIdsList().stream().map(id -> GrpcArguments.uuid("product_ids", id)).toList();
        GetProductsResponse.Builder response = GetProductsResponse.newBuilder();
        for (CheckoutProductView p : getProducts.get(ids)) {
            response.addProducts(dev.bazaar.proto.catalog.v1.Product.newBuilder()
                    .setId(p.id().toString())
                    .setSku(p.sku())
                    .setName(p.name())
                    .setPrice(Money.newBuilder().setAmount(p.price().amount()).setCurrency(p.price().currency()))
                    .setAvailable(p.available())
                    .setPurchasable(p.purchasable()));
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }

    @Override
    public void reserveStock(ReserveStockRequest request, StreamObserver<ReserveStockResponse> responses) {
        UUID orderId = GrpcArguments.uuid("order_id", request.getOrderId());
        List<ReserveStock.Line> lines = new ArrayList<>();
        request.getLinesList().forEach(l -> lines.add(
                new ReserveStock.Line(GrpcArguments.uuid("product_id", l.getProductId()), l.getQuantity())));
        switch (reserveStock.reserve(new ReserveStock(orderId, lines))) {
            case ReserveStockHandler.Reserved reserved -> {
                responses.onNext(ReserveStockResponse.newBuilder().setStatus(toProto(reserved.reservation())).build());
                responses.onCompleted();
            }
            case ReserveStockHandler.Refused refused ->
                responses.onError(StatusProto.toStatusRuntimeException(insufficient(refused)));
        }
    }

    @Override
    public void releaseStock(ReleaseStockRequest request, StreamObserver<ReleaseStockResponse> responses) {
        ReservationView status = releaseStock.release(GrpcArguments.uuid("order_id", request.getOrderId()));
        responses.onNext(ReleaseStockResponse.newBuilder().setStatus(toProto(status)).build());
        responses.onCompleted();
    }

    /** The status every problem gets (code, detail and ErrorInfo from service-defaults), plus the short lines. */
    private com.google.rpc.Status insufficient(ReserveStockHandler.Refused refused) {
        var details = dev.bazaar.proto.catalog.v1.InsufficientStock.newBuilder();
        refused.lines().forEach(s -> details.addShortLines(ShortLine.newBuilder()
                .setProductId(s.productId().toString()).setRequested(s.requested()).setAvailable(s.available())));
        return problems.statusOf(refused.problem()).addDetails(Any.pack(details.build())).build();
    }

    private static dev.bazaar.proto.catalog.v1.ReservationStatus toProto(ReservationView reservation) {
        return switch (reservation.status()) {
            case RESERVED, PENDING -> dev.bazaar.proto.catalog.v1.ReservationStatus.RESERVATION_STATUS_RESERVED;
            case COMMITTED -> dev.bazaar.proto.catalog.v1.ReservationStatus.RESERVATION_STATUS_COMMITTED;
            case RELEASED -> dev.bazaar.proto.catalog.v1.ReservationStatus.RESERVATION_STATUS_RELEASED;
        };
    }
}
