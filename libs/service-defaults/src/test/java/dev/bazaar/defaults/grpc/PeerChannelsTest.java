package dev.bazaar.defaults.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bazaar.defaults.ServiceOnDefaults;
import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.GetProductsResponse;
import dev.bazaar.proto.catalog.v1.Product;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;

/**
 * A channel to two catalog instances listed as {@code host:port,host:port}: calls go to both;
 * with one stopped or NOT_SERVING every call succeeds on the other; once it is back it gets
 * calls again.
 */
@SpringBootTest(classes = ServiceOnDefaults.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bazaar.grpc.peers.reconnect-every=300ms")
class PeerChannelsTest {

    @Autowired
    PeerChannels peers;

    @Autowired
    ServiceOnDefaults service;

    private final Instance one = new Instance("one");
    private final Instance two = new Instance("two");
    private ManagedChannel channel;
    private CatalogServiceGrpc.CatalogServiceBlockingStub catalog;

    @BeforeEach
    void startTwoInstances() throws IOException {
        one.start(0);
        two.start(0);
        channel = peers.create("127.0.0.1:" + one.port + ", 127.0.0.1:" + two.port);
        catalog = CatalogServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        one.stop();
        two.stop();
    }

    @Test
    void callsGoRoundRobinToEveryInstance() {
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(4).containsAll(List.of("one", "two")));

        assertThat(answers(10)).containsOnly("one", "two").filteredOn("one"::equals).hasSize(5);
    }

    @Test
    void aStoppedInstanceIsSkippedAndGetsCallsAgainOnceRestarted() throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(4).containsAll(List.of("one", "two")));
        int port = one.port;

        one.stop();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> answers(4).equals(List.of("two", "two", "two", "two")));
        assertThat(answers(20)).as("every call succeeds on the instance that is up").containsOnly("two");

        one.start(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(4).contains("one"));
    }

    @Test
    void anInstanceNotServingGetsNoCallsUntilItServesAgain() {
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(4).containsAll(List.of("one", "two")));

        one.health.setStatus(PeerChannels.HEALTH_SERVICE, ServingStatus.NOT_SERVING);
        await().atMost(Duration.ofSeconds(5)).until(() -> answers(4).equals(List.of("two", "two", "two", "two")));
        assertThat(answers(20)).containsOnly("two");

        one.health.setStatus(PeerChannels.HEALTH_SERVICE, ServingStatus.SERVING);
        await().atMost(Duration.ofSeconds(5)).until(() -> answers(4).contains("one"));
    }

    @Test
    void aServerOnTheDefaultsReportsItselfServingAndIsCalledThroughTheBalancer() {
        ManagedChannel toService = peers.create("127.0.0.1:" + service.grpcPort());
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> HealthGrpc.newBlockingStub(toService)
                    .withDeadlineAfter(2, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService(PeerChannels.HEALTH_SERVICE).build())
                    .getStatus() == ServingStatus.SERVING);
            Metadata token = new Metadata();
            token.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + ServiceOnDefaults.SERVICE_TOKEN);

            GetProductsResponse response = CatalogServiceGrpc.newBlockingStub(toService)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token))
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getProducts(GetProductsRequest.newBuilder().addProductIds("p-1").build());

            assertThat(response.getProducts(0).getId()).isEqualTo("p-1");
        } finally {
            toService.shutdownNow();
        }
    }

    /** Which instance answered each of {@code calls} calls, in order. */
    private List<String> answers(int calls) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            GetProductsResponse response = catalog.withDeadlineAfter(2, TimeUnit.SECONDS)
                    .getProducts(GetProductsRequest.newBuilder().addProductIds("p").build());
            names.add(response.getProducts(0).getName());
        }
        return names;
    }

    /** A catalog instance that names itself in its answers and reports its health as a Bazaar server does. */
    private static final class Instance {

        final String name;
        HealthStatusManager health;
        Server server;
        int port;

        Instance(String name) {
            this.name = name;
        }

        void start(int atPort) throws IOException {
            health = new HealthStatusManager();
            health.setStatus(PeerChannels.HEALTH_SERVICE, ServingStatus.SERVING);
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", atPort))
                    .addService(health.getHealthService())
                    .addService(new CatalogServiceGrpc.CatalogServiceImplBase() {
                        @Override
                        public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> responses) {
                            responses.onNext(GetProductsResponse.newBuilder()
                                    .addProducts(Product.newBuilder().setId("p").setName(name)).build());
                            responses.onCompleted();
                        }
                    })
                    .build().start();
            port = server.getPort();
        }

        void stop() {
            if (server != null) {
                server.shutdownNow();
                try {
                    server.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
