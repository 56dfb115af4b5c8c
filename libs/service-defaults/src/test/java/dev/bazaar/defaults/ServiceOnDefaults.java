package dev.bazaar.defaults;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import dev.bazaar.defaults.grpc.ServiceScopes;
import dev.bazaar.defaults.security.ResourceServerDefaults;
import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.GetProductsResponse;
import dev.bazaar.proto.catalog.v1.Product;
import io.grpc.stub.StreamObserver;

/**
 * The smallest service built on the defaults, for tests that need its real web and gRPC
 * servers: an open REST side, the catalog's GetProducts for the service token
 * {@value #SERVICE_TOKEN}. Start it with {@code spring.grpc.server.port=0}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ServiceOnDefaults {

    public static final String SERVICE_TOKEN = "a-token-with-catalog.products.read";

    private volatile int grpcPort;

    public int grpcPort() {
        return grpcPort;
    }

    @EventListener
    void grpcServerStarted(GrpcServerStartedEvent event) {
        grpcPort = event.getPort();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ResourceServerDefaults defaults) throws Exception {
        defaults.apply(http).authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    JwtDecoder serviceTokens() {
        return token -> {
            if (!SERVICE_TOKEN.equals(token)) {
                throw new BadJwtException("unknown token");
            }
            return Jwt.withTokenValue(token).header("alg", "ES256").claim("scope", "catalog.products.read").build();
        };
    }

    @Bean
    ServiceScopes serviceScopes() {
        return ServiceScopes.create().require(CatalogServiceGrpc.getGetProductsMethod(), "catalog.products.read");
    }

    @Bean
    CatalogServiceGrpc.CatalogServiceImplBase catalog() {
        return new CatalogServiceGrpc.CatalogServiceImplBase() {
            @Override
            public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> responses) {
                GetProductsResponse.Builder response = GetProductsResponse.newBuilder();
                request.getProductIdsList().forEach(id -> response.addProducts(Product.newBuilder().setId(id)));
                responses.onNext(response.build());
                responses.onCompleted();
            }
        };
    }
}
