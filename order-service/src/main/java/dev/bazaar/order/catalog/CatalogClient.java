package dev.bazaar.order.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Status;

import dev.bazaar.defaults.grpc.PeerChannels;
import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.order.config.OrderProperties;
import dev.bazaar.order.peers.PeerCalls;
import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.InsufficientStock;
import dev.bazaar.proto.catalog.v1.Product;
import dev.bazaar.proto.catalog.v1.ReleaseStockRequest;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.StockLine;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * catalog-service over gRPC, behind a deadline, a circuit breaker and (for these calls,
 * which are all idempotent — reservations per order id) one retry on UNAVAILABLE.
 */
@Component
public class CatalogClient {

    public record Line(UUID productId, int quantity) {
    }

    private static final String PEER = "catalog";

    private final ManagedChannel channel;
    private final CatalogServiceGrpc.CatalogServiceBlockingStub stub;
    private final OrderProperties properties;
    private final PeerCalls calls;

    CatalogClient(PeerChannels channels, OrderProperties properties, PeerCalls calls) {
        this.channel = channels.create(properties.catalogGrpc());
        this.stub = CatalogServiceGrpc.newBlockingStub(channel);
        this.properties = properties;
        this.calls = calls;
    }

    public List<Product> products(List<UUID> ids) {
        GetProductsRequest request = GetProductsRequest.newBuilder()
                .addAllProductIds(ids.stream().map(UUID::toString).toList()).build();
        return calls.call(PEER, () -> stub().getProducts(request),
                e -> e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND ? new UnknownProducts(ids) : null)
                .getProductsList();
    }

    /**
     * Reserves all lines for the order.
     *
     * @throws OutOfStock          naming the short lines
     * @throws ReservationReleased when the order's stock was released before this reserve arrived
     */
    public void reserve(UUID orderId, List<Line> lines) {
        ReserveStockRequest.Builder request = ReserveStockRequest.newBuilder().setOrderId(orderId.toString());
        lines.forEach(l -> request.addLines(StockLine.newBuilder()
                .setProductId(l.productId().toString()).setQuantity(l.quantity())));
        calls.call(PEER, () -> stub().reserveStock(request.build()), CatalogClient::reserveRefusal);
    }

    /**
     * catalog answers both of its refusals FAILED_PRECONDITION: the problem reason (ErrorInfo) tells
     * them apart, and short stock also comes with its lines (which catalog sent before reasons).
     */
    private static ProblemException reserveRefusal(StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.FAILED_PRECONDITION) {
            return null;
        }
        String reason = PeerCalls.reason(e);
        if ("reservation-released".equals(reason)) {
            return new ReservationReleased();
        }
        Optional<List<OutOfStock.ShortLine>> shortLines = shortLines(e);
        if ("insufficient-stock".equals(reason) || shortLines.isPresent()) {
            return new OutOfStock(shortLines.orElse(List.of()));
        }
        return null;
    }

    /**
     * Start-up only: waits up to the deadline for the channel to connect, then asks for a
     * product that does not exist, so the call path, the token check and catalog's query have
     * run once before a shopper's checkout. Outside the breaker: a catalog still starting is
     * not a failing one.
     */
    public void warmUp(Duration deadline) {
        // a peer that starts later than us: try to connect now, not after the grown backoff
        channel.resetConnectBackoff();
        try {
            stub.withWaitForReady().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getProducts(GetProductsRequest.newBuilder().addProductIds(UUID.randomUUID().toString()).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
                throw e;
            }
        }
    }

    public void release(UUID orderId) {
        calls.call(PEER, () -> stub().releaseStock(ReleaseStockRequest.newBuilder().setOrderId(orderId.toString()).build()));
    }

    private CatalogServiceGrpc.CatalogServiceBlockingStub stub() {
        return stub.withDeadlineAfter(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The short lines catalog sent with its refusal; empty lines if the detail is there but unreadable. */
    private static Optional<List<OutOfStock.ShortLine>> shortLines(StatusRuntimeException e) {
        List<OutOfStock.ShortLine> lines = new ArrayList<>();
        boolean sent = false;
        Status status = StatusProto.fromThrowable(e);
        if (status != null) {
            for (var detail : status.getDetailsList()) {
                if (detail.is(InsufficientStock.class)) {
                    sent = true;
                    try {
                        detail.unpack(InsufficientStock.class).getShortLinesList().forEach(s -> lines.add(
                                new OutOfStock.ShortLine(UUID.fromString(s.getProductId()), s.getRequested(),
                                        s.getAvailable())));
                    } catch (InvalidProtocolBufferException ignored) {
                        // a malformed detail still means short stock; the lines are then unknown
                    }
                }
            }
        }
        return sent ? Optional.of(lines) : Optional.empty();
    }
}
