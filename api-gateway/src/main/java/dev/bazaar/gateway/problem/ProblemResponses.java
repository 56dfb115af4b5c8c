package dev.bazaar.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** Writes a {@link GatewayProblem} as the response, replacing whatever body framing was set. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(problem.status());
        HttpHeaders headers = response.getHeaders();
        // a failed upstream call may have left its framing behind
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        problem.headers().forEach(headers::set);
        byte[] body = toJson(problem, ProblemTraceIds.of(exchange));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** The problem+json document, for writers outside WebFlux (see routing/UnreadableRequests). */
    public static byte[] toJson(GatewayProblem problem, String traceId) {
        return problem.toProblem(traceId).toJson();
    }
}
