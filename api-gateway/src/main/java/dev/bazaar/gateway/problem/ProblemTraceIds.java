package dev.bazaar.gateway.problem;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.web.server.ServerWebExchange;

import dev.bazaar.problem.TraceIds;

/**
 * The id a gateway problem carries, so a report can be matched to logs and traces: the trace
 * id when the agent traces this request ({@link TraceIds}), otherwise an id of the same shape
 * made once per request. Unlike a service's, a gateway problem always carries one.
 */
public final class ProblemTraceIds {

    private static final String ATTRIBUTE = ProblemTraceIds.class.getName();

    private ProblemTraceIds() {
    }

    public static String of(ServerWebExchange exchange) {
        String traceId = TraceIds.current();
        if (traceId != null) {
            return traceId;
        }
        return exchange.getAttributes().computeIfAbsent(ATTRIBUTE, key -> randomId()).toString();
    }

    /** For an answer made below WebFlux, where there is no exchange: one id per call. */
    public static String current() {
        String traceId = TraceIds.current();
        return traceId != null ? traceId : randomId();
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
