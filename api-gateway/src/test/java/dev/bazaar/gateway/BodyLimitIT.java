package dev.bazaar.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import dev.bazaar.testsupport.openapi.AnsweredBy;
import dev.bazaar.testsupport.openapi.ContractCheckingHttpClient;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

class BodyLimitIT extends GatewayIntegrationTest {

    private final String shopper = tokens.customer(UUID.randomUUID());

    @Test
    void refusesADeclaredBodyOverTheLimitWith413Problem() {
        given().header("Authorization", bearer(shopper)).contentType("application/json")
                .body("\"" + "x".repeat(maxBodyBytes + 1) + "\"")
                .when().post("/api/payments/upload")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:payload-too-large"))
                .body("status", equalTo(413))
                .body("traceId", notNullValue());

        assertThat(payment.callsTo("/api/payments/upload")).isZero();
    }

    @Test
    void refusesAStreamedBodyOverTheLimitWith413Problem() throws Exception {
        HttpResponse<String> response = streamed("/api/payments/stream-upload", new byte[maxBodyBytes * 2]);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JsonPath.from(response.body()).getString("type")).isEqualTo("urn:bazaar:problem:payload-too-large");
        assertThat(payment.callsTo("/api/payments/stream-upload")).isZero();
    }

    @Test
    void passesAStreamedBodyWithinTheLimitIntact() throws Exception {
        String body = "y".repeat(maxBodyBytes - 10);

        HttpResponse<String> response = streamed("/api/payments/small-upload", body.getBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(response.body()).getString("body")).isEqualTo(body);
    }

    // no Content-Length: the body arrives in chunks of unknown total size
    private HttpResponse<String> streamed(String path, byte[] body) throws Exception {
        try (HttpClient client = ContractCheckingHttpClient.of(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), AnsweredBy.GATEWAY_ITSELF)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", bearer(shopper))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
