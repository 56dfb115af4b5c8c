package dev.bazaar.gateway.routing;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.bazaar.gateway.config.GatewayProperties;
import dev.bazaar.gateway.problem.GatewayProblem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@code bazaar.gateway.max-body-size} with 413. A declared
 * {@code Content-Length} is checked before anything is read. A streamed body (no length)
 * is read up to the limit before it is forwarded: cutting it off halfway through the
 * upstream call would look like a failing service and count against its circuit breaker.
 * Runs after security (order -100), so anonymous callers cannot make the gateway buffer.
 */
@Component
class BodySizeLimit implements WebFilter {

    private final DataSize limit;

    BodySizeLimit(GatewayProperties properties) {
        this.limit = properties.maxBodySize();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > limit.toBytes()) {
            return Mono.error(tooLarge());
        }
        if (declared >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody(), (int) Math.min(limit.toBytes(), Integer.MAX_VALUE))
                .map(BodySizeLimit::copyAndRelease)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .flatMap(body -> chain.filter(exchange.mutate().request(withBody(request, body)).build()));
    }

    private GatewayProblem tooLarge() {
        return GatewayProblem.forStatus(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + limit.toKilobytes() + " KB.");
    }

    // a heap copy, so a request that never reaches a service leaks no pooled buffer
    private static byte[] copyAndRelease(DataBuffer joined) {
        try {
            byte[] bytes = new byte[joined.readableByteCount()];
            joined.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(joined);
        }
    }

    private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(request.getHeaders());
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength(body.length);
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }
}
