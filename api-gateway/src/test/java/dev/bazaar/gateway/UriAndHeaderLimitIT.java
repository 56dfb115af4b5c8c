package dev.bazaar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.testsupport.openapi.AnsweredBy;
import dev.bazaar.testsupport.openapi.ContractCheckingHttpClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.restassured.path.json.JsonPath;

/**
 * The gateway's own limits on the request URI and headers ({@link #maxUriBytes},
 * {@link #maxHeaderBytes}) answer problem+json before security and routing; beyond Netty's
 * decoder limits (64 KB in application.yml) the decoder's own answer is problem+json too, as
 * is the bare 400 for a request WebFlux cannot read at all. Requests go through java.net.http,
 * which sends a path of any length as it is, or as raw bytes where java.net.URI would refuse.
 */
class UriAndHeaderLimitIT extends GatewayIntegrationTest {

    private static final int decoderLimitBytes = 64 * 1024;

    @ParameterizedTest(name = "{0} KB")
    @ValueSource(ints = {10, 30})
    void refusesALongPathWith414ProblemWithoutCallingTheService(int kilobytes) throws Exception {
        String path = "/api/catalog/products/" + "%C3%A9".repeat(kilobytes * 1024 / 6);

        HttpResponse<String> response = get(path, Map.of());

        JsonPath problem = assertProblem(response, 414, "uri-too-long");
        assertThat(problem.getString("detail")).contains("longer than 8 KB");
        assertThat(catalog.callsTo(path)).isZero();
    }

    @Test
    void refusesALongQueryWith414Problem() throws Exception {
        String path = "/api/catalog/products/long-query-" + UUID.randomUUID();

        HttpResponse<String> response = get(path + "?q=" + "x".repeat(maxUriBytes), Map.of());

        assertProblem(response, 414, "uri-too-long");
        assertThat(catalog.callsTo(path)).isZero();
    }

    @Test
    void routesALongishPathWithinTheLimit() throws Exception {
        String path = "/api/catalog/products/" + UUID.randomUUID() + "%C3%A9".repeat(2 * 1024 / 6);

        HttpResponse<String> response = get(path, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(response.body()).getString("path")).isEqualTo(path);
        assertThat(catalog.callsTo(path)).isEqualTo(1);
    }

    @Test
    void refusesLargeHeadersWith431ProblemWithoutCallingTheService() throws Exception {
        String path = "/api/catalog/products/large-headers-" + UUID.randomUUID();

        HttpResponse<String> response = get(path, Map.of("X-Padding", "p".repeat(maxHeaderBytes + 1)));

        JsonPath problem = assertProblem(response, 431, "request-headers-too-large");
        assertThat(problem.getString("detail")).contains("larger than 8 KB");
        assertThat(catalog.callsTo(path)).isZero();
    }

    @Test
    void answersWithAProblemEvenWhenNettysDecoderRefusesTheRequestLine() throws Exception {
        HttpResponse<String> response = get("/api/catalog/products/" + "a".repeat(decoderLimitBytes + 1024), Map.of());

        JsonPath problem = assertProblem(response, 414, "uri-too-long");
        assertThat(problem.getString("detail")).contains("longer than 8 KB");
    }

    @Test
    void answersWithAProblemEvenWhenNettysDecoderRefusesTheHeaders() throws Exception {
        String path = "/api/catalog/products/huge-headers-" + UUID.randomUUID();

        HttpResponse<String> response = get(path, Map.of("X-Padding", "p".repeat(decoderLimitBytes + 1024)));

        assertProblem(response, 431, "request-headers-too-large");
        assertThat(catalog.callsTo(path)).isZero();
    }

    // java.net.URI refuses to send these: written to the socket as they are
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET /api/catalog/products?q={x} HTTP/1.1",
            "GET /api/catalog/products/a|b HTTP/1.1",
            "GET /api/catalog/products/%zz HTTP/1.1",
            "GET /api/catalog/products/a b HTTP/1.1",
            "NOT HTTP AT ALL",
    })
    void answersAnUnreadableRequestWith400Problem(String requestLine) throws Exception {
        String answer = raw(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ").containsIgnoringCase("content-type: application/problem+json");
        JsonPath problem = JsonPath.from(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(problem.getString("type")).isEqualTo("urn:bazaar:problem:bad-request");
        assertThat(problem.getString("traceId")).matches("[0-9a-f]{32}");
    }

    private static JsonPath assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getString("type")).isEqualTo("urn:bazaar:problem:" + slug);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("traceId")).matches("[0-9a-f]{32}");
        return problem;
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) throws Exception {
        try (HttpClient client = ContractCheckingHttpClient.of(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), AnsweredBy.GATEWAY_ITSELF)) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
            headers.forEach(request::header);
            return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
