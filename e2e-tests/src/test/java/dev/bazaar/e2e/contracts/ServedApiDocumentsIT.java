package dev.bazaar.e2e.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bazaar.e2e.RunningBazaar;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published OpenAPI documents (contracts/openapi/) are the ones the running system serves:
 * each service's through the gateway, as Swagger UI reads it, and the gateway's own. A change to
 * an endpoint that moves its document fails here until the committed copy is regenerated
 * ({@code scripts/contracts.sh update-openapi} against a running system) and reviewed.
 *
 * <p>In {@code ./mvnw verify} it reads the suite's system ({@link RunningBazaar}); with
 * {@code -Dbazaar.running=true} it reads the one already running ({@code ./bazaar up}, as
 * {@code .ci/run} does after the suite), at {@code bazaar.running.gateway}.
 */
class ServedApiDocumentsIT {

    private static final Path DOCUMENTS = Path.of(System.getProperty("bazaar.root", "..")).resolve("contracts/openapi");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"catalog", "order", "payment", "identity", "gateway"})
    void theRunningSystemServesExactlyTheCommittedDocument(String name) throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway() + "/v3/api-docs/" + name))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(served.statusCode()).as("GET /v3/api-docs/%s", name).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode committed = JSON.readTree(Files.readString(DOCUMENTS.resolve(name + ".json")));
        // compared as JSON (member order aside): the committed copy is pretty-printed, the served one is not
        assertThat(JSON.readTree(asDeployed(served.body())))
                .as("the %s document served differs from contracts/openapi/%s.json: regenerate it "
                        + "(scripts/contracts.sh update-openapi) and review the difference", name, name)
                .isEqualTo(committed);
    }

    /*
     * The suite's system prefixes its queue names to share the broker with other runs; a deployment
     * does not, and the dead-letter operations' examples name a queue.
     */
    private static String asDeployed(String document) {
        return Boolean.getBoolean("bazaar.running") ? document : document.replace(RunningBazaar.get().queuePrefix(), "");
    }

    private static String gateway() {
        return Boolean.getBoolean("bazaar.running") ? TryItOutIT.GATEWAY : RunningBazaar.get().gateway();
    }
}
