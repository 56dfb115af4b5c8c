package dev.bazaar.order.peers;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.bazaar.defaults.problem.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Calls to a peer service: one retry when the peer was unreachable, and a circuit breaker
 * per peer so that a dead peer costs callers a fast 503 instead of a timeout each. Only
 * transport failures count against the breaker; answers like NOT_FOUND are the peer
 * working.
 */
@Component
public class PeerCalls {

    private static final Set<Status.Code> FAILURES =
            EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.UNKNOWN, Status.Code.INTERNAL);

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final CircuitBreakerConfig config = CircuitBreakerConfig.custom()
            .slidingWindowSize(10)
            .minimumNumberOfCalls(4)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(5))
            .permittedNumberOfCallsInHalfOpenState(2)
            .recordException(e -> e instanceof StatusRuntimeException s && FAILURES.contains(s.getStatus().getCode()))
            .build();

    public <T> T call(String peer, Supplier<T> call) {
        CircuitBreaker breaker = breakers.computeIfAbsent(peer, name -> CircuitBreaker.of(name, config));
        try {
            return breaker.executeSupplier(() -> {
                try {
                    return call.get();
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                        throw e;
                    }
                    return call.get();
                }
            });
        } catch (CallNotPermittedException e) {
            throw new PeerUnavailable(peer);
        } catch (StatusRuntimeException e) {
            if (FAILURES.contains(e.getStatus().getCode())) {
                throw new PeerUnavailable(peer);
            }
            throw e;
        }
    }

    public CircuitBreaker.State state(String peer) {
        CircuitBreaker breaker = breakers.get(peer);
        return breaker == null ? CircuitBreaker.State.CLOSED : breaker.getState();
    }

    /** A peer did not answer in time or its circuit is open: nothing was written. */
    public static class PeerUnavailable extends ProblemException {
        PeerUnavailable(String peer) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "peer-unavailable", "Service unavailable",
                    "The " + peer + " service is not available right now; nothing was ordered. Please retry later.");
        }
    }
}
