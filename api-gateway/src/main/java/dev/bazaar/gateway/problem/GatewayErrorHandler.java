package dev.bazaar.gateway.problem;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Every error the gateway itself answers becomes problem+json: unknown routes, wrong methods,
 * oversize bodies, rate limits, unreachable or slow services and anything unexpected. Runs
 * before Spring Boot's own handler (order -1), which would answer in its own JSON shape.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        GatewayProblem problem = problemFor(error);
        // the gateway's own problems are logged where they arise; this catches the rest
        if (problem.status().is5xxServerError() && !(error instanceof GatewayProblem)) {
            log.atWarn().addKeyValue("status", problem.status().value())
                    .addKeyValue("path", exchange.getRequest().getPath().value())
                    .addKeyValue("traceId", ProblemTraceIds.of(exchange))
                    .addKeyValue("cause", error.toString())
                    .log("gateway answered with an error");
        }
        return ProblemResponses.write(exchange, problem);
    }

    static GatewayProblem problemFor(Throwable error) {
        return switch (error) {
            case GatewayProblem problem -> problem;
            case HttpClientErrorException e when e.getStatusCode().value() == 429 -> tooManyRequests(e);
            case MethodNotAllowedException e -> GatewayProblem.forStatus(HttpStatus.METHOD_NOT_ALLOWED,
                    "This path does not accept " + e.getHttpMethod() + ".");
            case ResponseStatusException e -> fromStatus(e);
            case DataBufferLimitException e -> GatewayProblem.forStatus(HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is too large.");
            case ConnectException e -> badGateway();
            case PrematureCloseException e -> badGateway();
            case TimeoutException e -> GatewayProblem.forStatus(HttpStatus.GATEWAY_TIMEOUT,
                    "The service did not answer in time.");
            default -> GatewayProblem.forStatus(HttpStatus.INTERNAL_SERVER_ERROR,
                    "The gateway could not handle this request.");
        };
    }

    private static GatewayProblem fromStatus(ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        if (status == null) {
            status = e.getStatusCode().is5xxServerError() ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String detail = switch (status) {
            case NOT_FOUND -> "Nothing is served at this path.";
            case CONTENT_TOO_LARGE -> "The request body is too large.";
            // the load balancer found no live instance of the route's service
            case SERVICE_UNAVAILABLE -> "The service is unavailable right now.";
            case GATEWAY_TIMEOUT -> "The service did not answer in time.";
            case BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE ->
                    e.getReason() != null ? e.getReason() : status.getReasonPhrase();
            default -> status.getReasonPhrase();
        };
        return GatewayProblem.forStatus(status, detail);
    }

    private static GatewayProblem badGateway() {
        return GatewayProblem.forStatus(HttpStatus.BAD_GATEWAY, "The service could not be reached.");
    }

    /**
     * Spring Cloud Gateway's RequestRateLimiter throws this when {@code throw-on-limit} is set;
     * its headers are the limiter's, from which the wait for one more token follows.
     */
    private static GatewayProblem tooManyRequests(HttpClientErrorException e) {
        HttpHeaders limiter = e.getResponseHeaders();
        long replenishRate = header(limiter, RedisRateLimiter.REPLENISH_RATE_HEADER, 1);
        long requested = header(limiter, RedisRateLimiter.REQUESTED_TOKENS_HEADER, 1);
        long seconds = Math.max(1, (requested + Math.max(replenishRate, 1) - 1) / Math.max(replenishRate, 1));
        return GatewayProblem.forStatus(HttpStatus.TOO_MANY_REQUESTS,
                        "Too many requests; try again in " + seconds + (seconds == 1 ? " second." : " seconds."))
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    private static long header(HttpHeaders headers, String name, long fallback) {
        String value = headers == null ? null : headers.getFirst(name);
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
