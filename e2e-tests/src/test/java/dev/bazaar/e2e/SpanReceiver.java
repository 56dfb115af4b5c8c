package dev.bazaar.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP endpoint inside the suite that keeps every span the services export, so a
 * test can see what an operator's tracing backend would show. Logs and metrics are accepted
 * and dropped.
 */
final class SpanReceiver {

    /** One exported span, reduced to what the suite asserts on. */
    record ReceivedSpan(String traceId, String service, String name, String kind) {
    }

    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    SpanReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the span receiver", e);
        }
        server.createContext("/v1/traces", this::traces);
        server.createContext("/v1/logs", exchange -> accept(exchange, new byte[0]));
        server.createContext("/v1/metrics", exchange -> accept(exchange, new byte[0]));
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> Thread.ofPlatform()
                .name("span-receiver").daemon().unstarted(runnable)));
        server.start();
    }

    /** The base URL for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void traces(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        try {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(attribute -> attribute.getKey().equals("service.name"))
                        .map(KeyValue::getValue).map(value -> value.getStringValue())
                        .findFirst().orElse("?");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(
                            HexFormat.of().formatHex(span.getTraceId().toByteArray()), service, span.getName(),
                            span.getKind().name().replace("SPAN_KIND_", ""))));
                }
            }
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        accept(exchange, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
    }

    private static void accept(HttpExchange exchange, byte[] response) throws IOException {
        exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
        if (response.length > 0) {
            exchange.getResponseBody().write(response);
        }
        exchange.close();
    }

    void stop() {
        server.stop(0);
    }
}
