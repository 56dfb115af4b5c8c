package dev.bazaar.defaults.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.grpc.server.service.GrpcServiceConfigurer;
import org.springframework.grpc.server.service.GrpcServiceSpec;

import dev.bazaar.proto.catalog.v1.CatalogProto;
import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.GetProductsResponse;
import dev.bazaar.proto.catalog.v1.Product;
import io.grpc.CallOptions;
import io.grpc.ForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

/**
 * The catalog's generated service behind the configurer {@link UndecodableRequests} wraps,
 * on a real (loopback) server, so grpc-java parses the bytes exactly as in production.
 */
class UndecodableRequestsTest {

    private final List<GetProductsRequest> served = new CopyOnWriteArrayList<>();
    private final List<Status.Code> seenByInterceptor = new CopyOnWriteArrayList<>();
    private ServerServiceDefinition definition;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void serveTheCatalogThroughTheWrappedConfigurer() throws IOException {
        // what Spring gRPC's own configurer does with the rewritten service: apply the global interceptors
        GrpcServiceConfigurer spring = (spec, factory) ->
                ServerInterceptors.intercept(spec.service().bindService(), new ClosingStatusRecorder());
        var configurer = (GrpcServiceConfigurer) new UndecodableRequests()
                .postProcessAfterInitialization(spring, "grpcServiceConfigurer");
        definition = configurer.configure(new GrpcServiceSpec(new Catalog(), null), null);
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(definition)
                .build()
                .start();
        channel = NettyChannelBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()))
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    static List<Arguments> undecodableRequests() {
        return List.of(
                Arguments.of("random bytes", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
                // field 1 (product_ids, a string) holding C0 AE: an overlong '.', not UTF-8
                Arguments.of("a string that is not UTF-8", new byte[] {0x0a, 0x02, (byte) 0xc0, (byte) 0xae}),
                // field 1 says 16 bytes follow, 3 do
                Arguments.of("a length past the end", new byte[] {0x0a, 0x10, 'a', 'b', 'c'}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodableRequests")
    void answersInvalidArgumentForBytesThatAreNoMessage(String what, byte[] request) {
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, RawRequests.GET_PRODUCTS, CallOptions.DEFAULT, request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("the request is not a valid GetProductsRequest message");
                });
        assertThat(served).isEmpty();
    }

    @Test
    void interceptorsAppliedAfterwardsSeeTheRefusal() {
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, RawRequests.GET_PRODUCTS, CallOptions.DEFAULT,
                new byte[] {0x0a, 0x10, 'a'})).isInstanceOf(StatusRuntimeException.class);

        assertThat(seenByInterceptor).containsExactly(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void deliversWellFormedRequestsToTheService() {
        GetProductsRequest request = GetProductsRequest.newBuilder().addProductIds("a-product").build();

        GetProductsResponse response = CatalogServiceGrpc.newBlockingStub(channel).getProducts(request);

        assertThat(response.getProductsList()).extracting(Product::getId).containsExactly("a-product");
        assertThat(served).containsExactly(request);
        assertThat(seenByInterceptor).containsExactly(Status.Code.OK);
    }

    @Test
    void keepsTheServiceNameMethodsAndSchemaForReflection() {
        var original = CatalogServiceGrpc.getServiceDescriptor();

        var rewritten = definition.getServiceDescriptor();

        assertThat(rewritten.getName()).isEqualTo(original.getName());
        assertThat(rewritten.getMethods()).extracting(MethodDescriptor::getFullMethodName)
                .containsExactlyInAnyOrderElementsOf(original.getMethods().stream()
                        .map(MethodDescriptor::getFullMethodName).toList());
        assertThat(((ProtoFileDescriptorSupplier) rewritten.getSchemaDescriptor()).getFileDescriptor())
                .isSameAs(CatalogProto.getDescriptor());
    }

    private final class Catalog extends CatalogServiceGrpc.CatalogServiceImplBase {

        @Override
        public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> responses) {
            served.add(request);
            GetProductsResponse.Builder response = GetProductsResponse.newBuilder();
            request.getProductIdsList().forEach(id -> response.addProducts(Product.newBuilder().setId(id)));
            responses.onNext(response.build());
            responses.onCompleted();
        }
    }

    /** Stands in for the access log: sees the status each call is closed with. */
    private final class ClosingStatusRecorder implements ServerInterceptor {

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                ServerCallHandler<Q, R> next) {
            return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                @Override
                public void close(Status status, Metadata trailers) {
                    seenByInterceptor.add(status.getCode());
                    super.close(status, trailers);
                }
            }, headers);
        }
    }
}
