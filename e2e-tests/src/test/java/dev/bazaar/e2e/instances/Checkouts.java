package dev.bazaar.e2e.instances;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;

import io.restassured.path.json.JsonPath;

import dev.bazaar.testsupport.openapi.AnsweredBy;
import dev.bazaar.testsupport.openapi.ContractCheckingHttpClient;

/**
 * Orders placed through the gateway by a client that retries as the API says: the same
 * Idempotency-Key and body while the answer is "not now" (a broken connection, 5xx, 429, a
 * request still in progress), within a retry budget of 60 s; GETs are retried the same way.
 */
final class Checkouts {

    static final Duration RETRY_BUDGET = Duration.ofSeconds(60);

    /** An order the gateway accepted (201), and when the shopper sent it first. */
    record Placed(UUID id, String token, Instant sentAt) {
    }

    private final String gateway;
    private final HttpClient http = ContractCheckingHttpClient.of(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), AnsweredBy.GATEWAY);

    Checkouts(String gateway) {
        this.gateway = gateway;
    }

    Placed place(String token, UUID product, int quantity, String paymentToken) {
        String key = UUID.randomUUID().toString();
        String body = """
                {"lines": [{"productId": "%s", "quantity": %d}],
                 "shippingAddress": {"name": "Grace Hopper", "line1": "1 Compiler Way", "city": "Arlington",
                                     "postalCode": "22201", "country": "US"},
                 "paymentToken": "%s"}""".formatted(product, quantity, paymentToken);
        Instant sentAt = Instant.now();
        HttpResponse<String> answer = untilAnswered(() -> HttpRequest.newBuilder(URI.create(gateway + "/api/orders"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)), "POST /api/orders");
        if (answer.statusCode() != 201) {
            throw new AssertionError("POST /api/orders (key " + key + ") answered " + answer.statusCode() + ": " + answer.body());
        }
        return new Placed(UUID.fromString(JsonPath.from(answer.body()).getString("id")), token, sentAt);
    }

    /** The order's status as its shopper reads it. */
    String status(Placed order) {
        HttpResponse<String> answer = untilAnswered(() -> HttpRequest.newBuilder(URI.create(gateway + "/api/orders/" + order.id()))
                .header("Authorization", "Bearer " + order.token()).GET(), "GET /api/orders/" + order.id());
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET /api/orders/" + order.id() + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JsonPath.from(answer.body()).getString("status");
    }

    interface Request {
        HttpRequest.Builder build();
    }

    private HttpResponse<String> untilAnswered(Request request, String what) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        try {
            return await(what).atMost(RETRY_BUDGET).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> attempt(request, last), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            HttpResponse<String> answer = last.get();
            throw new AssertionError(what + " not answered within the retry budget of " + RETRY_BUDGET.toSeconds()
                    + " s; last: " + (answer == null ? "no answer" : answer.statusCode() + " " + answer.body()));
        }
    }

    /** One attempt: the answer, or empty when the API says to send the same request again. */
    private Optional<HttpResponse<String>> attempt(Request request, AtomicReference<HttpResponse<String>> last)
            throws InterruptedException {
        try {
            // the gateway ends an order call after 10 s (504): waiting longer only spends the budget
            HttpResponse<String> answer = http.send(request.build().timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            last.set(answer);
            return answerLater(answer) ? Optional.empty() : Optional.of(answer);
        } catch (IOException e) {
            return Optional.empty(); // no answer at all: the same request again
        }
    }

    private static boolean answerLater(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            return true;
        }
        if (status != 409) {
            return false;
        }
        String type;
        try {
            type = String.valueOf(JsonPath.from(response.body()).getString("type"));
        } catch (RuntimeException e) {
            type = "";
        }
        return type.endsWith("request-in-progress") || type.endsWith("concurrent-change");
    }
}
