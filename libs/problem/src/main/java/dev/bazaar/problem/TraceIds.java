package dev.bazaar.problem;

import org.slf4j.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace id a problem document carries, so that a report can be matched to logs and traces:
 * the trace the OpenTelemetry agent sees for the current request.
 */
public final class TraceIds {

    private TraceIds() {
    }

    /** The current trace id, or null when no trace is active (no agent attached). */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        if (context.isValid()) {
            return context.getTraceId();
        }
        // where the agent only reaches the logging, it leaves the id in the MDC
        return MDC.get("trace_id");
    }
}
