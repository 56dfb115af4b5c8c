package dev.bazaar.e2e.contracts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.restassured.path.json.JsonPath;

/**
 * The OpenAPI documents as the gateway serves them to Swagger UI ({@code /v3/api-docs/<service>}),
 * read as plain maps: the pass needs only paths, parameters, examples, security and statuses.
 */
final class ApiDocuments {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final Map<String, DocumentedOperation> operations;

    private ApiDocuments(Map<String, DocumentedOperation> operations) {
        this.operations = operations;
    }

    static ApiDocuments read(String gateway, List<String> services) {
        Map<String, DocumentedOperation> operations = new LinkedHashMap<>();
        for (String service : services) {
            JsonPath document = given().baseUri(gateway).when().get("/v3/api-docs/" + service)
                    .then().statusCode(200).extract().jsonPath();
            Map<String, Map<String, Object>> paths = document.getMap("paths");
            assertThat(paths).as("paths of " + service + "'s document").isNotEmpty();
            paths.forEach((path, item) -> METHODS.forEach(method -> {
                if (item.get(method) instanceof Map<?, ?> operation) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> spec = (Map<String, Object>) operation;
                    DocumentedOperation documented = new DocumentedOperation(service, method.toUpperCase(), path, spec);
                    operations.put(documented.key(), documented);
                }
            }));
        }
        return new ApiDocuments(operations);
    }

    List<DocumentedOperation> all() {
        return List.copyOf(operations.values());
    }

    DocumentedOperation get(String method, String path) {
        DocumentedOperation operation = operations.get(method + " " + path);
        assertThat(operation).as(method + " " + path + " in the documents").isNotNull();
        return operation;
    }

    Optional<DocumentedOperation> find(String method, String path) {
        return Optional.ofNullable(operations.get(method + " " + path));
    }

    /** "GET /api/cart: header X-Cart-Id" for every parameter or body that has no example. */
    List<String> withoutExamples() {
        List<String> missing = new ArrayList<>();
        for (DocumentedOperation operation : operations.values()) {
            for (Map<String, Object> parameter : operation.parameters()) {
                if (!parameter.containsKey("example")) {
                    missing.add(operation + ": " + parameter.get("in") + " " + parameter.get("name"));
                }
            }
            if (operation.hasBody() && operation.bodyExample().isEmpty()) {
                missing.add(operation + ": the application/json request body");
            }
        }
        return missing;
    }
}
