package dev.bazaar.gateway.routing;

import java.util.List;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Drops, on the way in, the headers that only the gateway may set: a client could otherwise
 * claim another address ({@code X-Forwarded-For}, which identity's login throttle keys on),
 * another origin ({@code X-Forwarded-Host}, {@code Forwarded}) or speak in Bazaar's name
 * ({@code X-Bazaar-*}). First of all filters, so nothing in the gateway sees them either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class GatewayOnlyHeaders implements WebFilter {

    private static final List<String> PREFIXES = List.of("x-forwarded-", "x-bazaar-");
    private static final List<String> NAMES = List.of("forwarded", "x-real-ip");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.headerNames().stream().noneMatch(GatewayOnlyHeaders::gatewayOnly)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(h -> List.copyOf(h.headerNames()).stream()
                        .filter(GatewayOnlyHeaders::gatewayOnly)
                        .forEach(h::remove)))
                .build());
    }

    static boolean gatewayOnly(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return NAMES.contains(lower) || PREFIXES.stream().anyMatch(lower::startsWith);
    }
}
