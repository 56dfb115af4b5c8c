package dev.bazaar.defaults.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * After identity revokes a signing key, every service token it signed is refused by the peers.
 * A service must then fetch a new token rather than send the refused one until it expires.
 */
class RefusedServiceTokenTest {

    private final AtomicInteger issued = new AtomicInteger();
    private HttpServer identity;
    private ServiceTokens tokens;

    @BeforeEach
    void startTokenEndpoint() throws IOException {
        identity = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identity.createContext("/oauth2/token", exchange -> {
            byte[] body = ("{\"access_token\": \"token-" + issued.incrementAndGet() + "\", \"expires_in\": 300}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identity.start();
        URI tokenUri = URI.create("http://127.0.0.1:" + identity.getAddress().getPort() + "/oauth2/token");
        tokens = new ServiceTokens(new ServiceTokenProperties("order-service", "secret", List.of(tokenUri), List.of(),
                Duration.ofSeconds(30), Duration.ofSeconds(5)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        identity.stop(0);
    }

    @Test
    void fetchesANewTokenAfterAPeerRefusedTheCachedOne() {
        ClientInterceptor interceptor = new ServiceTokenConfiguration().serviceTokenInterceptor(tokens);

        Metadata first = callAnswering(interceptor, Status.UNAUTHENTICATED);
        Metadata second = callAnswering(interceptor, Status.OK);
        Metadata third = callAnswering(interceptor, Status.OK);

        assertThat(bearerOf(first)).isEqualTo("token-1");
        assertThat(bearerOf(second)).as("the refused token is not sent again").isEqualTo("token-2");
        assertThat(bearerOf(third)).as("an accepted token stays cached").isEqualTo("token-2");
        assertThat(issued).hasValue(2);
    }

    @Test
    void aLateRefusalOfAReplacedTokenKeepsTheNewOne() {
        String old = tokens.current();
        tokens.forget(old);
        String fresh = tokens.current();

        tokens.forget(old);

        assertThat(tokens.current()).isEqualTo(fresh).isNotEqualTo(old);
        assertThat(issued).hasValue(2);
    }

    private static String bearerOf(Metadata headers) {
        return headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)).substring("Bearer ".length());
    }

    /** One call through the interceptor to a peer that answers at once with the given status; the headers it sent. */
    private static Metadata callAnswering(ClientInterceptor interceptor, Status answer) {
        Metadata[] sent = new Metadata[1];
        Channel peer = new Channel() {
            @Override
            public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
                return new ClientCall<>() {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        sent[0] = headers;
                        listener.onClose(answer, new Metadata());
                    }

                    @Override
                    public void request(int messages) {
                    }

                    @Override
                    public void cancel(String message, Throwable cause) {
                    }

                    @Override
                    public void halfClose() {
                    }

                    @Override
                    public void sendMessage(Q message) {
                    }
                };
            }

            @Override
            public String authority() {
                return "peer";
            }
        };
        MethodDescriptor<Void, Void> method = MethodDescriptor.<Void, Void>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("bazaar.test.v1.TestService/Call")
                .setRequestMarshaller(new VoidMarshaller()).setResponseMarshaller(new VoidMarshaller()).build();
        interceptor.interceptCall(method, CallOptions.DEFAULT, peer).start(new ClientCall.Listener<>() {
        }, new Metadata());
        return sent[0];
    }

    private static final class VoidMarshaller implements MethodDescriptor.Marshaller<Void> {
        @Override
        public java.io.InputStream stream(Void value) {
            return java.io.InputStream.nullInputStream();
        }

        @Override
        public Void parse(java.io.InputStream stream) {
            return null;
        }
    }
}
