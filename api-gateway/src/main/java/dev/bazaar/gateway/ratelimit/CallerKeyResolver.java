package dev.bazaar.gateway.ratelimit;

import java.net.InetSocketAddress;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.bazaar.gateway.config.GatewayProperties;
import reactor.core.publisher.Mono;

/**
 * Whose budget a request spends: a signed-in caller's (the token's {@code sub}), wherever
 * they call from; otherwise the client address'. The address is the connection's own:
 * forwarded headers from clients are dropped before this runs. Routes name it as
 * {@code key-resolver: "#{@callerKey}"}.
 */
@Component("callerKey")
class CallerKeyResolver implements KeyResolver {

    private final String prefix;

    CallerKeyResolver(GatewayProperties properties) {
        this.prefix = properties.rateLimit().keyPrefix();
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> prefix + "user:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> prefix + "ip:" + address(exchange)));
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress() : "unknown";
    }
}
