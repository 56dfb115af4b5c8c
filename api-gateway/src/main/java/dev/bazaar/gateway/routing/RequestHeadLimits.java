package dev.bazaar.gateway.routing;

import java.net.URI;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.bazaar.gateway.config.GatewayProperties;
import dev.bazaar.gateway.problem.GatewayProblem;
import reactor.core.publisher.Mono;

/**
 * Refuses a request URI over {@code bazaar.gateway.max-uri-length} with 414 and request
 * headers over {@code bazaar.gateway.max-header-size} with 431, as problem+json. Netty's HTTP
 * decoder would refuse them itself with a bare status; its limits are set far higher
 * ({@code server.netty.max-initial-line-length}, {@code server.max-http-request-header-size})
 * so that these limits, the gateway's own, are the ones a client meets. Right after the
 * access log and before security (order -100) and routing: nothing is checked, buffered or
 * called for such a request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestHeadLimits implements WebFilter {

    private final DataSize maxUriLength;
    private final DataSize maxHeaderSize;

    RequestHeadLimits(GatewayProperties properties) {
        this.maxUriLength = properties.maxUriLength();
        this.maxHeaderSize = properties.maxHeaderSize();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (uriLength(exchange.getRequest().getURI()) > maxUriLength.toBytes()) {
            return Mono.error(uriTooLong(maxUriLength));
        }
        if (headerSize(exchange.getRequest().getHeaders()) > maxHeaderSize.toBytes()) {
            return Mono.error(headersTooLarge(maxHeaderSize));
        }
        return chain.filter(exchange);
    }

    static GatewayProblem uriTooLong(DataSize limit) {
        return GatewayProblem.forStatus(HttpStatus.URI_TOO_LONG,
                "The request URI (path and query) is longer than " + shown(limit) + ".");
    }

    static GatewayProblem headersTooLarge(DataSize limit) {
        return GatewayProblem.forStatus(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "The request headers are larger than " + shown(limit) + " in total.");
    }

    // the request target as it came, percent-encoded: ASCII, so characters are bytes
    private static long uriLength(URI uri) {
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        return (path == null ? 0 : path.length()) + (query == null ? 0 : query.length() + 1);
    }

    // each header line as sent, "name: value", which is what Netty's decoder counts too
    private static long headerSize(HttpHeaders headers) {
        long[] size = {0};
        headers.forEach((String name, List<String> values) -> values
                .forEach(value -> size[0] += name.length() + 2 + value.length()));
        return size[0];
    }

    private static String shown(DataSize size) {
        long bytes = size.toBytes();
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
