package dev.bazaar.gateway.resilience;

import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

import dev.bazaar.gateway.problem.GatewayProblem;
import dev.bazaar.gateway.problem.ProblemTraceIds;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a call that failed or was not attempted
 * ({@code fallbackUri: forward:/fallback/<service>}). It answers every method alike, with
 * 503 (504 when the service was too slow) as problem+json: the request keeps its method
 * through the forward, and a fallback mapped to one method would turn the others into 405.
 */
@Component
public class ServiceFallback implements HandlerFunction<ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(ServiceFallback.class);

    private final ReactiveResilience4JCircuitBreakerFactory breakers;

    ServiceFallback(ReactiveResilience4JCircuitBreakerFactory breakers) {
        this.breakers = breakers;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        String service = request.pathVariable("service");
        Throwable cause = request.exchange().getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause == null) {
            // called from outside rather than forwarded by a breaker: nothing lives here
            return Mono.error(GatewayProblem.forStatus(HttpStatus.NOT_FOUND, "Nothing is served at this path."));
        }
        log.atWarn().addKeyValue("service", service).addKeyValue("cause", cause.toString())
                .addKeyValue("traceId", ProblemTraceIds.of(request.exchange()))
                .log("service call failed, answered by the fallback");
        return Mono.error(problem(service, cause));
    }

    private GatewayProblem problem(String service, Throwable cause) {
        if (cause instanceof CallNotPermittedException) {
            long waitMillis = breakers.getCircuitBreakerRegistry().circuitBreaker(service).getCircuitBreakerConfig()
                    .getWaitIntervalFunctionInOpenState().apply(1);
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            return GatewayProblem.forStatus(HttpStatus.SERVICE_UNAVAILABLE,
                            "The " + service + " service is failing; calls to it pause for a moment.")
                    .with("service", service)
                    .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        if (timedOut(cause)) {
            return GatewayProblem.forStatus(HttpStatus.GATEWAY_TIMEOUT,
                    "The " + service + " service did not answer in time.").with("service", service);
        }
        return GatewayProblem.forStatus(HttpStatus.SERVICE_UNAVAILABLE,
                "The " + service + " service cannot be reached right now.").with("service", service);
    }

    private static boolean timedOut(Throwable cause) {
        return cause instanceof TimeoutException
                || cause instanceof org.springframework.cloud.gateway.support.TimeoutException
                || cause instanceof ResponseStatusException e && e.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value();
    }
}
