package dev.bazaar.gateway.problem;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.web.server.ServerWebExchange;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The id a problem document carries so a report can be matched to logs and traces: the
 * OpenTelemetry trace id when the agent traces this request, otherwise an id of the same
 * shape made once per request.
 */
public final class TraceIds {

    private static final String ATTRIBUTE = TraceIds.class.getName();

    private TraceIds() {
    }

    public static String of(ServerWebExchange exchange) {
        SpanContext context = Span.current().getSpanContext();
        if (context.isValid()) {
            return context.getTraceId();
        }
        return exchange.getAttributes().computeIfAbsent(ATTRIBUTE, key -> randomId()).toString();
    }

    /** For an answer made below WebFlux, where there is no exchange: one id per call. */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : randomId();
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
