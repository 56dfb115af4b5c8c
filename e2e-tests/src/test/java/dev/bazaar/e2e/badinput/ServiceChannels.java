package dev.bazaar.e2e.badinput;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bazaar.e2e.RunningBazaar;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

/**
 * Plain-text gRPC channels to the services' own gRPC ports (the gateway routes no gRPC), and
 * service tokens from identity's token endpoint by client credentials, as order-service gets them.
 */
public final class ServiceChannels implements AutoCloseable {

    private final RunningBazaar bazaar;
    private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();
    private final Map<String, String[]> tokens = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServiceChannels(RunningBazaar bazaar) {
        this.bazaar = bazaar;
    }

    public synchronized ManagedChannel channel(String service) {
        return channels.computeIfAbsent(service, name -> NettyChannelBuilder
                .forAddress("127.0.0.1", Integer.parseInt(bazaar.service(name).environment().get("SPRING_GRPC_SERVER_PORT")))
                .usePlaintext().build());
    }

    /** A client-credentials token; {@code scope} null asks for every scope the client has. Kept for 4 minutes. */
    public synchronized String serviceToken(String clientId, String secret, String scope) {
        String key = clientId + " " + scope;
        String[] cached = tokens.get(key);
        if (cached != null && Instant.parse(cached[1]).isAfter(Instant.now())) {
            return cached[0];
        }
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope.replace(" ", "%20"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(bazaar.url("identity") + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("no token for " + clientId + ": " + response.statusCode() + " " + response.body());
            }
            tokens.put(key, new String[] {token.group(1), Instant.now().plus(Duration.ofMinutes(4)).toString()});
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String orderServiceToken() {
        return serviceToken("order-service", "dev-order-service-secret", null);
    }

    public static <S extends AbstractStub<S>> S withToken(S stub, String token) {
        if (token == null) {
            return stub.withDeadlineAfter(20, TimeUnit.SECONDS);
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** Calls a method with bytes as the request message, whatever they are: the server parses them. */
    public Status callWithRawBytes(String service, MethodDescriptor<?, ?> method, byte[] request, String token) {
        MethodDescriptor<byte[], byte[]> raw = method.toBuilder(RawBytes.INSTANCE, RawBytes.INSTANCE).build();
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        try {
            ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(channel(service),
                            MetadataUtils.newAttachHeadersInterceptor(headers)), raw,
                    CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    @Override
    public synchronized void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }

    private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
