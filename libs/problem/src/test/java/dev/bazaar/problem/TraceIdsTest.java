package dev.bazaar.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;

class TraceIdsTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void readsTheTraceOfTheCurrentSpan() {
        Span span = Span.wrap(SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.getDefault()));

        try (Scope scope = span.makeCurrent()) {
            assertThat(TraceIds.current()).isEqualTo(TRACE_ID);
        }
    }

    @Test
    void fallsBackToTheTraceIdTheAgentLeftInTheMdc() {
        MDC.put("trace_id", TRACE_ID);

        assertThat(TraceIds.current()).isEqualTo(TRACE_ID);
    }

    @Test
    void hasNoneWhenNoTraceIsActive() {
        assertThat(TraceIds.current()).isNull();
    }
}
