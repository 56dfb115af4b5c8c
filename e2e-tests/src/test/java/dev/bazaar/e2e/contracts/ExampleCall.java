package dev.bazaar.e2e.contracts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request made of an operation's documented examples, every parameter and the body as Swagger UI
 * fills them in, with the few values the pass puts in their place (ids of what the pass created).
 * A substitution for a parameter or body field the document does not have fails: the pass never
 * adds what the document does not show.
 */
final class ExampleCall {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DocumentedOperation operation;
    private final Map<String, String> path = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Object body;

    private ExampleCall(DocumentedOperation operation) {
        this.operation = operation;
        for (Map<String, Object> parameter : operation.parameters()) {
            String name = String.valueOf(parameter.get("name"));
            String example = String.valueOf(parameter.get("example"));
            switch (String.valueOf(parameter.get("in"))) {
                case "path" -> path.put(name, example);
                case "query" -> query.put(name, example);
                case "header" -> headers.put(name, example);
                default -> throw new IllegalStateException(operation + ": parameter " + name + " in " + parameter.get("in"));
            }
        }
        this.body = operation.bodyExample().map(ExampleCall::copy).orElse(null);
    }

    static ExampleCall of(DocumentedOperation operation) {
        return new ExampleCall(operation);
    }

    /** Puts {@code value} in place of the example of the parameter {@code name} (path, query or header). */
    ExampleCall parameter(String name, String value) {
        for (Map<String, String> parameters : java.util.List.of(path, query, headers)) {
            if (parameters.containsKey(name)) {
                parameters.put(name, value);
                return this;
            }
        }
        throw new AssertionError(operation + " documents no parameter " + name);
    }

    /** Puts {@code value} in place of the top-level field {@code name} of the body's example. */
    @SuppressWarnings("unchecked")
    ExampleCall bodyField(String name, Object value) {
        assertThat(body).as(operation + ": its body example").isInstanceOf(Map.class);
        Map<String, Object> fields = (Map<String, Object>) body;
        assertThat(fields).as(operation + ": its body example").containsKey(name);
        fields.put(name, value);
        return this;
    }

    Response send(String gateway, String token) {
        RequestSpecification request = given().baseUri(gateway).redirects().follow(false)
                .pathParams(path).queryParams(query).headers(headers);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (body != null) {
            request.contentType(ContentType.JSON).body(JSON.writeValueAsString(body));
        }
        return request.when().request(operation.method(), operation.path()).andReturn();
    }

    // the document's example stays as it was when the pass substitutes a field of its own copy
    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(ExampleCall::copy).toList();
        }
        return value;
    }
}
