package dev.bazaar.messaging.outbox;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenTelemetry agent installs W3C propagation globally; these tests do the same by hand. */
class TraceContextTest {

    private static final SpanContext WRITER = SpanContext.create("0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());

    @BeforeEach
    void w3cPropagation() {
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(OpenTelemetry.propagating(ContextPropagators.create(W3CTraceContextPropagator.getInstance())));
    }

    @AfterEach
    void noTracing() {
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void makesTheWritersTraceCurrentAgainForThePublish() {
        TraceContext stored;
        try (Scope ignored = Span.wrap(WRITER).makeCurrent()) {
            stored = TraceContext.capture();
        }

        assertThat(stored.traceparent()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        try (Scope ignored = stored.makeCurrent()) {
            assertThat(Span.current().getSpanContext().getTraceId()).isEqualTo(WRITER.getTraceId());
            assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo(WRITER.getSpanId());
        }
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void storesNothingWhenNoTraceIsActive() {
        assertThat(TraceContext.capture()).isEqualTo(new TraceContext(null, null));
    }
}
