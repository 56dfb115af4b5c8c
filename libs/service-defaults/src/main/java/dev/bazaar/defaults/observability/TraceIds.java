package dev.bazaar.defaults.observability;

import org.slf4j.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The trace id of the current request, as the OpenTelemetry agent sees it. */
public final class TraceIds {

    private TraceIds() {
    }

    /** The current trace id, or null when no trace is active (no agent attached). */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        if (context.isValid()) {
            return context.getTraceId();
        }
        return MDC.get("trace_id");
    }
}
