package dev.bazaar.defaults.grpc;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GlobalClientInterceptor;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Attaches this service's token to every outgoing gRPC call, and forgets a token a peer
 * refused, so that after a key revocation the next call carries a freshly signed one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceTokenProperties.class)
@ConditionalOnProperty("bazaar.service-client.client-id")
public class ServiceTokenConfiguration {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Bean
    ServiceTokens serviceTokens(ServiceTokenProperties properties) {
        return new ServiceTokens(properties, Clock.systemUTC());
    }

    @Bean
    @GlobalClientInterceptor
    ClientInterceptor serviceTokenInterceptor(ServiceTokens tokens) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                    Channel next) {
                String token;
                try {
                    token = tokens.current();
                } catch (ServiceTokens.ServiceTokenUnavailable e) {
                    throw new StatusRuntimeException(Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e));
                }
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(AUTHORIZATION, "Bearer " + token);
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                if (status.getCode() == Status.Code.UNAUTHENTICATED) {
                                    tokens.forget(token);
                                }
                                super.onClose(status, trailers);
                            }
                        }, headers);
                    }
                };
            }
        };
    }
}
