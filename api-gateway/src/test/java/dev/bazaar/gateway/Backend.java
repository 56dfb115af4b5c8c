package dev.bazaar.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.bazaar.testsupport.openapi.ApiContracts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for a Bazaar service: answers every request with what it received (method,
 * path, query, headers, body) as JSON, passes its readiness check ({@code /readyz}), serves a small OpenAPI
 * document at {@code /v3/api-docs}, and can be stopped and started again on the same port.
 * A query parameter {@code answer=<status>} sets the status, {@code delayMs=<ms>} delays
 * the answer.
 */
final class Backend {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final String name;
    private final int port;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private HttpServer server;

    private Backend(String name) throws IOException {
        this.name = name;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    static Backend start(String name) {
        try {
            return new Backend(name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + name + " stand-in", e);
        }
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** How many requests reached this path. */
    int callsTo(String path) {
        AtomicInteger count = calls.get(path);
        return count == null ? 0 : count.get();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port, if stopped. */
    synchronized void restart() {
        if (server != null) {
            return;
        }
        try {
            server = listen(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart the " + name + " stand-in", e);
        }
    }

    private HttpServer listen(int on) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", this::answer);
        http.start();
        return http;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            if (path.equals("/readyz")) {
                calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                send(exchange, 200, "application/json", Map.of("status", "UP"));
                return;
            }
            if (path.equals("/v3/api-docs")) {
                send(exchange, 200, "application/json", apiDocsOf(name));
                return;
            }
            calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Map<String, String> query = query(uri.getRawQuery());
            if (query.containsKey("delayMs")) {
                Thread.sleep(Long.parseLong(query.get("delayMs")));
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((header, values) -> headers.put(header.toLowerCase(), String.join(", ", values)));
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("service", name);
            echo.put("method", exchange.getRequestMethod());
            echo.put("path", path);
            echo.put("query", uri.getRawQuery());
            echo.put("headers", headers);
            echo.put("body", new String(requestBody, StandardCharsets.UTF_8));
            int status = Integer.parseInt(query.getOrDefault("answer", "200"));
            send(exchange, status, "application/json", echo);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A small document as a service publishes it: relative server, sign-in beside the bearer token. */
    static Map<String, Object> apiDocsOf(String name) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("summary", "Something " + name + " does");
        operation.put("security", List.of(Map.of("bearer", List.of()), Map.of("oauth2", List.of())));
        return Map.of(
                "openapi", "3.1.0",
                "info", Map.of("title", "Bazaar " + name, "version", "v1"),
                "servers", List.of(Map.of("url", "/", "description", "The Bazaar gateway")),
                "paths", Map.of("/api/" + name + "/things", Map.of("get", operation)),
                "components", Map.of("securitySchemes",
                        Map.of("bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"))));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return query;
    }

    private void send(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        // the stand-in's answers have no document: the response check judges only the gateway's own
        exchange.getResponseHeaders().add(ApiContracts.STAND_IN_HEADER, name);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
