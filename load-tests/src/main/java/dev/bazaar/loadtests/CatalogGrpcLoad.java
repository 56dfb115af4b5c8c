package dev.bazaar.loadtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.GetProductsResponse;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * Calls catalog's {@code GetProducts} for the products given (comma-separated: every id in one
 * call, as order-service asks for an order's lines), over one channel with {@code concurrency}
 * calls in flight, for {@code seconds}; prints {@code calls=<n> failed=<n> products=<n>}, the
 * last being the products the answers held. The service token comes from identity by client
 * credentials (order-service's dev client). load-tests/bench divides catalog's CPU time by the
 * calls and by the products.
 * <pre>java -cp ... dev.bazaar.loadtests.CatalogGrpcLoad localhost:9091 http://localhost:8084 PRODUCT_ID[,PRODUCT_ID...] 16 30</pre>
 */
public final class CatalogGrpcLoad {

    private CatalogGrpcLoad() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        String identity = args[1];
        List<String> productIds = List.of(args[2].split(","));
        int concurrency = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        String token = serviceToken(identity, env("BAZAAR_GRPC_CLIENT_ID", "order-service"),
                env("BAZAAR_GRPC_CLIENT_SECRET", "dev-order-service-secret"));

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
        CatalogServiceGrpc.CatalogServiceStub stub = CatalogServiceGrpc.newStub(
                ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)));
        GetProductsRequest request = GetProductsRequest.newBuilder().addAllProductIds(productIds).build();

        AtomicLong calls = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong products = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Caller(stub, request, end, calls, failed, products, done).next();
        }
        done.await(seconds + 30, TimeUnit.SECONDS);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        System.out.println("calls=" + calls.get() + " failed=" + failed.get() + " products=" + products.get());
    }

    /** One call in flight at a time: each answer starts the next call until the end. */
    private record Caller(CatalogServiceGrpc.CatalogServiceStub stub, GetProductsRequest request, long end,
            AtomicLong calls, AtomicLong failed, AtomicLong products, CountDownLatch done) implements StreamObserver<GetProductsResponse> {

        void next() {
            if (System.nanoTime() >= end) {
                done.countDown();
                return;
            }
            stub.withDeadlineAfter(5, TimeUnit.SECONDS).getProducts(request, this);
        }

        @Override
        public void onNext(GetProductsResponse value) {
            calls.incrementAndGet();
            products.addAndGet(value.getProductsCount());
        }

        @Override
        public void onError(Throwable t) {
            failed.incrementAndGet();
            next();
        }

        @Override
        public void onCompleted() {
            next();
        }
    }

    private static String serviceToken(String identity, String clientId, String secret)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(identity + "/oauth2/token")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no service token from " + identity + ": HTTP " + response.statusCode());
        }
        return token.group(1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
