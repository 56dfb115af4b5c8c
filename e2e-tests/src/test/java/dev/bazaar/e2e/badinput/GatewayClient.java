package dev.bazaar.e2e.badinput;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;

import dev.bazaar.testsupport.openapi.AnsweredBy;
import dev.bazaar.testsupport.openapi.ContractCheckingHttpClient;

/**
 * Keep-alive HTTP/1.1 clients for the gateway. Anonymous calls rotate over several loopback
 * source addresses (127.0.0.2 to 127.0.0.9): the gateway's budget for callers without a token is
 * per client address, and one address would spend it long before a thousand tries are done.
 * A 429 is not an answer to the input: the same request goes again after its Retry-After.
 * Neither is a 502-504 from a service too busy to answer in time: sent at most twice more.
 */
final class GatewayClient {

    record Answer(int status, String contentType, String body) {

        boolean problem() {
            return contentType.toLowerCase().startsWith("application/problem+json");
        }

        String summary() {
            return status + " " + contentType;
        }
    }

    private final HttpClient signedIn = client(null);
    private final List<HttpClient> anonymous = IntStream.rangeClosed(2, 9).mapToObj(i -> client(loopback(i))).toList();
    private final AtomicInteger nextAnonymous = new AtomicInteger();

    Answer send(HttpRequest request, boolean anonymousCaller) {
        HttpClient client = anonymousCaller
                ? anonymous.get(Math.floorMod(nextAnonymous.getAndIncrement(), anonymous.size()))
                : signedIn;
        Answer answer = exchange(client, request);
        // a gateway timeout or an open breaker says nothing of the input (a cold or busy service):
        // sent twice more; an input that makes a service hang still ends as a 5xx here
        for (int again = 0; again < 2 && answer.status() >= 502 && answer.status() <= 504; again++) {
            BadInputReport.get().retriedAfter5xx();
            answer = exchange(client, request);
        }
        if (answer.status() != 429) {
            return answer;
        }
        BadInputReport.get().rateLimited();
        return Awaitility.await("the rate limit to refill").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(500))
                .until(() -> exchange(client, request), again -> again.status() != 429);
    }

    private static Answer exchange(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("(none)"),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a connection the server closed while we still sent (e.g. a refused oversize body)
            return new Answer(-1, "(none)", "I/O error: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient client(InetAddress localAddress) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER);
        if (localAddress != null) {
            builder.localAddress(localAddress);
        }
        return ContractCheckingHttpClient.of(builder.build(), AnsweredBy.GATEWAY);
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
