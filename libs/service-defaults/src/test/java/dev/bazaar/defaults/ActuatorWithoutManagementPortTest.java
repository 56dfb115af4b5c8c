package dev.bazaar.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service that sets no management port keeps Actuator on its application port: the probes
 * stay open, the rest is for admins only, never for a shopper or an anonymous caller.
 */
@SpringBootTest(classes = ActuatorExposureTest.ServiceWithTokens.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorWithoutManagementPortTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void keepsMetricsFromShoppersAndAnonymousCallers() throws Exception {
        assertThat(get("/actuator/metrics", ActuatorExposureTest.SHOPPER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(401);
    }

    @Test
    void stillAnswersTheProbesWithoutDetails() throws Exception {
        for (String path : new String[] {"/livez", "/readyz"}) {
            HttpResponse<String> response = get(path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.path("status").asString()).isEqualTo("UP");
            assertThat(body.has("components") || body.has("details")).as(path).isFalse();
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
