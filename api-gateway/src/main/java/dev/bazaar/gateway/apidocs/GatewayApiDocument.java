package dev.bazaar.gateway.apidocs;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The gateway's own OpenAPI document, {@code /v3/api-docs/gateway}: what the gateway answers on
 * every route by itself (401, 413, 429, 503, 504...). It is written by hand, not generated, because
 * those answers come from filters and handlers no generator sees; the build copies
 * contracts/openapi/gateway.json into the jar, so the gateway serves the committed bytes.
 */
@Configuration(proxyBeanMethods = false)
class GatewayApiDocument {

    static final String PATH = "/v3/api-docs/gateway";

    @Bean
    RouterFunction<ServerResponse> gatewayApiDocumentRoute() {
        byte[] document = read();
        return RouterFunctions.route(RequestPredicates.GET(PATH),
                request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(document));
    }

    private static byte[] read() {
        try {
            return new ClassPathResource("openapi/gateway.json").getContentAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway's OpenAPI document is not in the jar (contracts/openapi/gateway.json)", e);
        }
    }
}
