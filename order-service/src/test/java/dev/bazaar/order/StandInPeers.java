package dev.bazaar.order;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.Any;
import com.google.rpc.Code;

import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.GetProductsResponse;
import dev.bazaar.proto.catalog.v1.InsufficientStock;
import dev.bazaar.proto.catalog.v1.Product;
import dev.bazaar.proto.catalog.v1.ReleaseStockRequest;
import dev.bazaar.proto.catalog.v1.ReleaseStockResponse;
import dev.bazaar.proto.catalog.v1.ReservationStatus;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.ReserveStockResponse;
import dev.bazaar.proto.catalog.v1.ShortLine;
import dev.bazaar.proto.common.v1.Money;
import dev.bazaar.proto.identity.v1.CustomerServiceGrpc;
import dev.bazaar.proto.identity.v1.GetCustomerRequest;
import dev.bazaar.proto.identity.v1.GetCustomerResponse;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

/**
 * catalog and identity as order-service sees them over gRPC, standing in for the real
 * services (the saga across the real ones is proven by e2e-tests). They keep stock per
 * product, reserve idempotently per order, refuse calls without a bearer token, and can
 * be switched off to play a dead peer.
 */
public final class StandInPeers {

    record StandInProduct(String name, long price, int available, boolean purchasable) {

        StandInProduct(String name, long price, int available) {
            this(name, price, available, true);
        }

        StandInProduct withAvailable(int units) {
            return new StandInProduct(name, price, units, purchasable);
        }
    }

    final Map<UUID, StandInProduct> products = new ConcurrentHashMap<>();
    final Map<UUID, Map<UUID, Integer>> reservations = new ConcurrentHashMap<>();
    final Set<UUID> released = ConcurrentHashMap.newKeySet();
    final AtomicBoolean catalogDown = new AtomicBoolean();
    final AtomicInteger reserveCalls = new AtomicInteger();
    /** While set, catalog answers every ReserveStock with this status: a peer refusing in some way. */
    final AtomicReference<com.google.rpc.Status> reserveAnswer = new AtomicReference<>();
    /** While set, identity holds every GetCustomer until the latch opens: a placement caught midway. */
    final AtomicReference<CountDownLatch> identityGate = new AtomicReference<>();
    final AtomicInteger customersHeld = new AtomicInteger();
    /** While set, catalog holds every ReleaseStock until the latch opens: a slow release. */
    final AtomicReference<CountDownLatch> releaseGate = new AtomicReference<>();
    final AtomicInteger releasesHeld = new AtomicInteger();
    /** So many of the next ReleaseStock calls fail with UNAVAILABLE: catalog down just then. */
    final AtomicInteger releasesToFail = new AtomicInteger();
    final AtomicInteger releasesFailed = new AtomicInteger();
    private final Server server;

    StandInPeers(int port) {
        ServerInterceptor requireToken = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                String auth = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
                if (auth == null || !auth.startsWith("Bearer ")) {
                    call.close(Status.UNAUTHENTICATED, new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                if (catalogDown.get() && call.getMethodDescriptor().getServiceName().contains("Catalog")) {
                    call.close(Status.UNAVAILABLE.withDescription("catalog is down"), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
            }
        };
        try {
            server = ServerBuilder.forPort(port)
                    .addService(ServerInterceptors.intercept(new Catalog(), requireToken))
                    .addService(ServerInterceptors.intercept(new Customers(), requireToken))
                    .build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public UUID product(String name, long price, int available) {
        UUID id = UUID.randomUUID();
        products.put(id, new StandInProduct(name, price, available));
        return id;
    }

    int available(UUID productId) {
        return products.get(productId).available();
    }

    /** What an admin's price change does at catalog. */
    void reprice(UUID productId, long price) {
        products.computeIfPresent(productId, (id, p) -> new StandInProduct(p.name(), price, p.available(), p.purchasable()));
    }

    /** What an admin's archiving does at catalog: still known, no longer sold. */
    void archive(UUID productId) {
        products.computeIfPresent(productId, (id, p) -> new StandInProduct(p.name(), p.price(), p.available(), false));
    }

    void restock(UUID productId, int available) {
        products.computeIfPresent(productId, (id, p) -> p.withAvailable(available));
    }

    void stop() {
        server.shutdownNow();
    }

    private final class Catalog extends CatalogServiceGrpc.CatalogServiceImplBase {

        @Override
        public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> responses) {
            GetProductsResponse.Builder response = GetProductsResponse.newBuilder();
            for (String id : request.getProductIdsList()) {
                StandInProduct p = products.get(UUID.fromString(id));
                if (p == null) {
                    responses.onError(Status.NOT_FOUND.withDescription(id).asRuntimeException());
                    return;
                }
                response.addProducts(Product.newBuilder().setId(id).setSku("SKU-" + id.substring(0, 4)).setName(p.name())
                        .setPrice(Money.newBuilder().setAmount(p.price()).setCurrency("EUR"))
                        .setAvailable(p.available()).setPurchasable(p.purchasable()));
            }
            responses.onNext(response.build());
            responses.onCompleted();
        }

        @Override
        public synchronized void reserveStock(ReserveStockRequest request, StreamObserver<ReserveStockResponse> responses) {
            reserveCalls.incrementAndGet();
            com.google.rpc.Status answer = reserveAnswer.get();
            if (answer != null) {
                responses.onError(StatusProto.toStatusRuntimeException(answer));
                return;
            }
            UUID order = UUID.fromString(request.getOrderId());
            if (!reservations.containsKey(order) && !released.contains(order)) {
                InsufficientStock.Builder shortLines = InsufficientStock.newBuilder();
                request.getLinesList().forEach(l -> {
                    StandInProduct p = products.get(UUID.fromString(l.getProductId()));
                    int available = p.purchasable() ? p.available() : 0;
                    if (available < l.getQuantity()) {
                        shortLines.addShortLines(ShortLine.newBuilder().setProductId(l.getProductId())
                                .setRequested(l.getQuantity()).setAvailable(available));
                    }
                });
                if (shortLines.getShortLinesCount() > 0) {
                    responses.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                            .setCode(Code.FAILED_PRECONDITION_VALUE).setMessage("short")
                            .addDetails(Any.pack(shortLines.build())).build()));
                    return;
                }
                Map<UUID, Integer> lines = new ConcurrentHashMap<>();
                request.getLinesList().forEach(l -> {
                    UUID id = UUID.fromString(l.getProductId());
                    products.computeIfPresent(id, (k, p) -> p.withAvailable(p.available() - l.getQuantity()));
                    lines.put(id, l.getQuantity());
                });
                reservations.put(order, lines);
            }
            responses.onNext(ReserveStockResponse.newBuilder()
                    .setStatus(ReservationStatus.RESERVATION_STATUS_RESERVED).build());
            responses.onCompleted();
        }

        @Override
        public void releaseStock(ReleaseStockRequest request, StreamObserver<ReleaseStockResponse> responses) {
            if (releasesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                releasesFailed.incrementAndGet();
                responses.onError(Status.UNAVAILABLE.withDescription("catalog is down").asRuntimeException());
                return;
            }
            CountDownLatch gate = releaseGate.get();
            if (gate != null) {
                releasesHeld.incrementAndGet();
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    releasesHeld.decrementAndGet();
                }
            }
            release(request, responses);
        }

        private synchronized void release(ReleaseStockRequest request, StreamObserver<ReleaseStockResponse> responses) {
            UUID order = UUID.fromString(request.getOrderId());
            if (released.add(order)) {
                Map<UUID, Integer> lines = reservations.remove(order);
                if (lines != null) {
                    lines.forEach((id, q) -> products.computeIfPresent(id,
                            (k, p) -> p.withAvailable(p.available() + q)));
                }
            }
            responses.onNext(ReleaseStockResponse.newBuilder()
                    .setStatus(ReservationStatus.RESERVATION_STATUS_RELEASED).build());
            responses.onCompleted();
        }
    }

    private final class Customers extends CustomerServiceGrpc.CustomerServiceImplBase {
        @Override
        public void getCustomer(GetCustomerRequest request, StreamObserver<GetCustomerResponse> responses) {
            CountDownLatch gate = identityGate.get();
            if (gate != null) {
                customersHeld.incrementAndGet();
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    customersHeld.decrementAndGet();
                }
            }
            responses.onNext(GetCustomerResponse.newBuilder().setCustomerId(request.getCustomerId())
                    .setEmail("shopper-" + request.getCustomerId().substring(0, 8) + "@example.com")
                    .setDisplayName("Test Shopper").setEnabled(true).build());
            responses.onCompleted();
        }
    }
}
