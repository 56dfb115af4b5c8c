package dev.bazaar.gateway.routing;

import java.net.InetSocketAddress;
import java.net.URI;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells a service where a request really came from, so identity's redirects and login form
 * point at the gateway's origin and its login throttle sees the real client. Each value is
 * set, never appended: the client's own {@code X-Forwarded-*} never got this far
 * ({@link GatewayOnlyHeaders}), and Spring Cloud Gateway's appending filters stay off
 * because no trusted proxies are configured. Runs after the gateway's own header filters
 * (order 0), which remove every {@code X-Forwarded-*}.
 */
@Component
class ForwardedHeaders implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        URI uri = request.getURI();
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        InetSocketAddress client = request.getRemoteAddress();
        if (client != null && client.getAddress() != null) {
            headers.set("X-Forwarded-For", client.getAddress().getHostAddress());
        }
        headers.set("X-Forwarded-Proto", uri.getScheme());
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        headers.set("X-Forwarded-Host", host != null ? host : uri.getAuthority());
        headers.set("X-Forwarded-Port", Integer.toString(port(uri)));
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return 100;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
