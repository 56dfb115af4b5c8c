package dev.bazaar.testsupport.openapi;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} whose every answer is checked against the published documents before
 * the caller sees it, as {@link ContractFilter} does for REST Assured: the e2e harness's plain
 * clients. A body kept as text or bytes is checked too; one the caller streams or discards is not.
 */
public final class ContractCheckingHttpClient extends HttpClient {

    private final HttpClient client;
    private final ApiContracts contracts;
    private final AnsweredBy answeredBy;
    private final Consumer<String> onViolation;

    private ContractCheckingHttpClient(HttpClient client, ApiContracts contracts, AnsweredBy answeredBy,
            Consumer<String> onViolation) {
        this.client = client;
        this.contracts = contracts;
        this.answeredBy = answeredBy;
        this.onViolation = onViolation;
    }

    /** The client, its answers checked against the committed documents: an undocumented one throws. */
    public static HttpClient of(HttpClient client, AnsweredBy answeredBy) {
        return new ContractCheckingHttpClient(client, ApiContracts.published(), answeredBy, null);
    }

    /**
     * The same for a load generator's workers, whose thrown errors nobody would see: each
     * undocumented answer is handed to {@code onViolation}, for the run's own list of what went wrong.
     */
    public static HttpClient of(HttpClient client, AnsweredBy answeredBy, Consumer<String> onViolation) {
        return new ContractCheckingHttpClient(client, ApiContracts.published(), answeredBy, onViolation);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return checked(client.send(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client.sendAsync(request, handler).thenApply(this::checked);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        return client.sendAsync(request, handler, push).thenApply(this::checked);
    }

    private <T> HttpResponse<T> checked(HttpResponse<T> response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        String body = switch (response.body()) {
            case String text -> text;
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case null, default -> null;
        };
        Answer answer = new Answer(response.request().method(), response.request().uri().getRawPath(),
                response.statusCode(), headers, body);
        if (onViolation == null) {
            contracts.check(answer, answeredBy);
        } else {
            List<String> violations = contracts.violations(answer, answeredBy);
            if (!violations.isEmpty()) {
                onViolation.accept("undocumented answer " + answer + ": " + String.join("; ", violations));
            }
        }
        return response;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client.authenticator();
    }

    @Override
    public Version version() {
        return client.version();
    }

    @Override
    public Optional<Executor> executor() {
        return client.executor();
    }

    @Override
    public void shutdown() {
        client.shutdown();
    }

    @Override
    public void shutdownNow() {
        client.shutdownNow();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return client.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return client.isTerminated();
    }

    @Override
    public void close() {
        client.close();
    }
}
