package dev.bazaar.messaging.outbox;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * The W3C trace context of the transaction that wrote an outbox row. The relay publishes
 * later on its own thread, so without this the consumer's span would start a new trace.
 * Both fields are null when no tracing is active (no OpenTelemetry agent).
 */
public record TraceContext(String traceparent, String tracestate) {

    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    public static TraceContext capture() {
        Map<String, String> carrier = new HashMap<>();
        propagator().inject(Context.current(), carrier, Map::put);
        return new TraceContext(carrier.get("traceparent"), carrier.get("tracestate"));
    }

    /** Makes the stored context current, so the agent's RabbitMQ instrumentation links the publish to it. */
    public Scope makeCurrent() {
        if (traceparent == null) {
            return Scope.noop();
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put("traceparent", traceparent);
        if (tracestate != null) {
            carrier.put("tracestate", tracestate);
        }
        return propagator().extract(Context.root(), carrier, FROM_MAP).makeCurrent();
    }

    private static TextMapPropagator propagator() {
        return GlobalOpenTelemetry.getPropagators().getTextMapPropagator();
    }
}
