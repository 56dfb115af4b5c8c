package dev.bazaar.order.peers;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;

import dev.bazaar.defaults.grpc.ProblemStatusMapping;
import dev.bazaar.defaults.problem.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * Calls to a peer service: one retry when the peer was unreachable, and a circuit breaker
 * per peer so that a dead peer costs callers a fast 503 instead of a timeout each. Only
 * transport failures count against the breaker; answers like NOT_FOUND are the peer
 * working.
 * <p>
 * Every answer ends as a problem, never as a 500: the caller reads the refusals that are part
 * of the peer's contract ({@link Refusals}); a peer refusing our service token is 503 and an
 * ERROR (an operator must fix the credentials or scopes); any other answer is one this
 * service cannot use, 502 and an ERROR. INVALID_ARGUMENT belongs there too: every request
 * to a peer is built from input validated here, within the peer's limits, so the peer
 * refusing it means the two disagree on the contract, not that the shopper asked wrongly.
 */
@Component
public class PeerCalls {

    private static final Logger log = LoggerFactory.getLogger(PeerCalls.class);

    private static final Set<Status.Code> RETRIED = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED);
    private static final Set<Status.Code> FAILURES =
            EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.UNKNOWN, Status.Code.INTERNAL);
    private static final Set<Status.Code> CREDENTIALS_REFUSED =
            EnumSet.of(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);

    /** How a caller reads the refusals that are part of a peer's contract. */
    @FunctionalInterface
    public interface Refusals {

        /** The problem the answer means to this service's callers, or null for an answer the contract does not name. */
        ProblemException read(StatusRuntimeException answer);

        Refusals NONE = answer -> null;
    }

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
        return call(peer, call, Refusals.NONE);
    }

    /**
     * @throws PeerUnavailable       the peer did not answer, its circuit is open, or it refused our credentials
     * @throws PeerAnswerNotUnderstood the peer gave an answer that neither the contract nor {@code refusals} names
     * @throws ProblemException      what {@code refusals} made of the peer's answer
     */
    public <T> T call(String peer, Supplier<T> call, Refusals refusals) {
        CircuitBreaker breaker = breakers.computeIfAbsent(peer, name -> CircuitBreaker.of(name, config));
        try {
            return breaker.executeSupplier(() -> {
                try {
                    return call.get();
                } catch (StatusRuntimeException e) {
                    // unreachable, or our service token refused (its key revoked: the token interceptor has
                    // dropped it, so the retry carries a new one); either way the peer did nothing
                    if (!RETRIED.contains(e.getStatus().getCode())) {
                        throw e;
                    }
                    return call.get();
                }
            });
        } catch (CallNotPermittedException e) {
            throw new PeerUnavailable(peer);
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (FAILURES.contains(code)) {
                throw new PeerUnavailable(peer);
            }
            ProblemException refusal = refusals.read(e);
            if (refusal != null) {
                throw refusal;
            }
            if (CREDENTIALS_REFUSED.contains(code)) {
                log.atError().addKeyValue("peer", peer).addKeyValue("code", code.name())
                        .log("peer refuses our service credentials: check this service's client and its scopes");
                throw new PeerUnavailable(peer);
            }
            log.atError().addKeyValue("peer", peer).addKeyValue("code", code.name())
                    .addKeyValue("reason", reason(e)).addKeyValue("description", e.getStatus().getDescription())
                    .log("peer answer not understood");
            throw new PeerAnswerNotUnderstood(peer);
        }
    }

    /** The problem reason a Bazaar peer gave with its status ({@code ErrorInfo.reason}), or null. */
    public static String reason(StatusRuntimeException answer) {
        com.google.rpc.Status status = StatusProto.fromThrowable(answer);
        if (status == null) {
            return null;
        }
        for (var detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    ErrorInfo info = detail.unpack(ErrorInfo.class);
                    if (ProblemStatusMapping.DOMAIN.equals(info.getDomain())) {
                        return info.getReason();
                    }
                } catch (InvalidProtocolBufferException ignored) {
                    // a malformed detail names no reason
                }
            }
        }
        return null;
    }

    public CircuitBreaker.State state(String peer) {
        CircuitBreaker breaker = breakers.get(peer);
        return breaker == null ? CircuitBreaker.State.CLOSED : breaker.getState();
    }

    /** A peer did not answer in time, its circuit is open, or it refused our credentials: nothing was written. */
    public static class PeerUnavailable extends ProblemException {
        PeerUnavailable(String peer) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "peer-unavailable", "Service unavailable",
                    "The " + peer + " service is not available right now; nothing was ordered. Please retry later.");
        }
    }

    /** A peer answered in a way this service cannot use (a contract mismatch between the two): nothing was written. */
    public static class PeerAnswerNotUnderstood extends ProblemException {
        PeerAnswerNotUnderstood(String peer) {
            super(HttpStatus.BAD_GATEWAY, "peer-error", "Bad gateway",
                    "The " + peer + " service gave an answer that could not be used; nothing was ordered.");
        }
    }
}
