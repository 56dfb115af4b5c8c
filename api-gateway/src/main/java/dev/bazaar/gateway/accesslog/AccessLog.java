package dev.bazaar.gateway.accesslog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import reactor.core.publisher.Mono;

/**
 * One line per request, refused ones included: what an operator greps for first, and the
 * line that ties a caller's trace id to the gateway's log. The path only, never the query
 * (sign-in redirects carry codes and state there). Health probes are left out.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessLog implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    // paths up to Netty's 64 KB line reach this log, refused as too long (RequestHeadLimits)
    private static final int LOGGED_PATH_LENGTH = 1024;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/actuator/health")) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        // the request's span is current here; the response may complete on another thread
        Context context = Context.current();
        return chain.filter(exchange).doFinally(signal -> {
            try (Scope ignored = context.makeCurrent()) {
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
                log.atInfo()
                        .addKeyValue("method", exchange.getRequest().getMethod().name())
                        .addKeyValue("path", path.length() > LOGGED_PATH_LENGTH
                                ? path.substring(0, LOGGED_PATH_LENGTH) + "..." : path)
                        .addKeyValue("status", status == null ? 0 : status.value())
                        .addKeyValue("route", route == null ? "-" : route.getId())
                        .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
                        .addKeyValue("outcome", signal.name())
                        .log("request served");
            }
        });
    }
}
