package dev.bazaar.gateway.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.bazaar.gateway.resilience.ServiceFallback;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** Every method: see {@link ServiceFallback}. */
    @Bean
    RouterFunction<ServerResponse> serviceFallbacks(ServiceFallback fallback) {
        return RouterFunctions.route(RequestPredicates.path("/fallback/{service}"), fallback);
    }
}
