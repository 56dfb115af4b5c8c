package dev.bazaar.defaults.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.bazaar.defaults.ServiceOnDefaults;
import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.Product;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * The rewrite as Spring gRPC applies it in a service: the global interceptors (scope check,
 * access log) run around it, so they see undecodable requests like any other call, and
 * reflection (a streaming service, itself rewritten) still describes every service.
 */
@SpringBootTest(classes = ServiceOnDefaults.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UndecodableRequestsInAServiceTest {

    // field 1 (product_ids) says 16 bytes follow, 1 does
    private static final byte[] TRUNCATED = {0x0a, 0x10, 'a'};

    @Autowired
    ServiceOnDefaults service;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort()).usePlaintext().build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void answersInvalidArgumentForBytesThatAreNoMessageAndLogsTheCall(CapturedOutput output) {
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(withToken(), RawRequests.GET_PRODUCTS, CallOptions.DEFAULT, TRUNCATED))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("the request is not a valid GetProductsRequest message");
                });

        assertThat(output.getOut().lines().filter(line -> line.contains("grpc call served")))
                .anySatisfy(line -> assertThat(line)
                        .contains("bazaar.catalog.v1.CatalogService/GetProducts", "INVALID_ARGUMENT"));
    }

    @Test
    void checksTheServiceTokenBeforeTheRequest() {
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, RawRequests.GET_PRODUCTS, CallOptions.DEFAULT, TRUNCATED))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void servesWellFormedRequests() {
        var response = CatalogServiceGrpc.newBlockingStub(withToken())
                .getProducts(GetProductsRequest.newBuilder().addProductIds("a-product").build());

        assertThat(response.getProductsList()).extracting(Product::getId).containsExactly("a-product");
    }

    @Test
    void keepsReflectionWorking() throws InterruptedException {
        List<ServerReflectionResponse> responses = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        responses.add(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });

        requests.onNext(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("bazaar.catalog.v1.CatalogService").build());
        requests.onCompleted();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(responses).singleElement()
                .satisfies(response -> assertThat(response.getFileDescriptorResponse().getFileDescriptorProtoCount())
                        .isPositive());
    }

    private Channel withToken() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + ServiceOnDefaults.SERVICE_TOKEN);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
