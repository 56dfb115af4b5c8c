package dev.bazaar.testsupport.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One OpenAPI 3.1 document of contracts/openapi/: its operations found by the paths a client
 * calls, and a response checked against what one of its response objects declares.
 */
final class PublishedDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String name;
    private final JsonNode root;
    private final String uri;
    private final SchemaRegistry schemas;
    private final List<PathTemplate> paths;

    PublishedDocument(String name, String text) {
        this.name = name;
        this.root = JSON.readTree(text);
        this.uri = "https://contracts.bazaar.dev/openapi/" + name + ".json";
        // formats assert here, as in the event schemas: a uuid that is not one is a wrong answer
        this.schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(uri, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        List<PathTemplate> templates = new ArrayList<>();
        root.path("paths").propertyNames().forEach(path -> templates.add(new PathTemplate(path)));
        // a literal segment wins over a variable one (/api/cart/merge before /api/cart/{x})
        templates.sort(Comparator.comparingInt(PathTemplate::variables));
        this.paths = templates;
    }

    /** The path of this document the request's path is an instance of. */
    Optional<String> pathOf(String requestPath) {
        return paths.stream().filter(template -> template.matches(requestPath)).map(PathTemplate::path).findFirst();
    }

    /** The JSON pointer of the operation, if the document has the method on that path. */
    Optional<String> operation(String path, String method) {
        String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
        return root.at(pointer).isObject() ? Optional.of(pointer) : Optional.empty();
    }

    /** The response object an operation declares for a status (or its default), as a pointer with refs followed. */
    Optional<String> response(String operationPointer, int status) {
        JsonNode responses = root.at(operationPointer + "/responses");
        for (String key : List.of(Integer.toString(status), status / 100 + "XX", "default")) {
            if (responses.has(key)) {
                return Optional.of(followRef(operationPointer + "/responses/" + escape(key)));
            }
        }
        return Optional.empty();
    }

    /** The statuses an operation declares, for a message. */
    List<String> statuses(String operationPointer) {
        return List.copyOf(root.at(operationPointer + "/responses").propertyNames());
    }

    /** A response object by a pointer of the document's own, e.g. under a top-level extension. */
    Optional<String> responseAt(String pointer, int status) {
        JsonNode responses = root.at(pointer);
        return responses.has(Integer.toString(status))
                ? Optional.of(followRef(pointer + "/" + status)) : Optional.empty();
    }

    Optional<String> componentResponse(String name) {
        String pointer = "/components/responses/" + escape(name);
        return root.at(pointer).isObject() ? Optional.of(pointer) : Optional.empty();
    }

    /** What is wrong with the answer against the response object at the pointer; empty if nothing. */
    List<String> violations(String responsePointer, Answer answer) {
        List<String> violations = new ArrayList<>();
        JsonNode response = root.at(responsePointer);
        String where = name + ".json#" + responsePointer;
        JsonNode content = response.path("content");
        boolean noBody = "HEAD".equalsIgnoreCase(answer.method()) || answer.status() == 204 || answer.status() == 304;
        if (content.isObject() && !content.isEmpty() && !noBody) {
            Optional<String> mediaType = answer.mediaType();
            if (mediaType.isEmpty() || !content.has(mediaType.get())) {
                violations.add("media type " + mediaType.orElse("(none)") + " is not one of " + content.propertyNames()
                        + " that " + where + " declares");
            } else if (answer.body() != null && isJson(mediaType.get())) {
                violations.addAll(bodyViolations(responsePointer + "/content/" + escape(mediaType.get()) + "/schema",
                        answer.body()));
            }
        } else if ((content.isMissingNode() || content.isEmpty()) && answer.hasBody() && !noBody) {
            violations.add("a body (" + answer.mediaType().orElse("no Content-Type") + ") where " + where
                    + " declares none");
        }
        JsonNode headers = response.path("headers");
        for (String header : headers.propertyNames()) {
            String pointer = followRef(responsePointer + "/headers/" + escape(header));
            Optional<String> value = answer.header(header);
            if (value.isEmpty()) {
                if (root.at(pointer).path("required").asBoolean(false)) {
                    violations.add("no " + header + " header, which " + where + " requires");
                }
                continue;
            }
            if (root.at(pointer).has("schema")) {
                JsonNode node = asTyped(root.at(pointer + "/schema"), value.get());
                schema(pointer + "/schema").validate(node).forEach(error -> violations.add(
                        "header " + header + " \"" + value.get() + "\": " + error.getMessage()));
            }
        }
        return violations;
    }

    private List<String> bodyViolations(String schemaPointer, String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            return List.of("the body is not JSON (" + e.getOriginalMessage() + ")");
        }
        return schema(schemaPointer).validate(node).stream()
                .map(error -> "body " + error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    private Schema schema(String pointer) {
        return schemas.getSchema(SchemaLocation.of(uri + "#" + pointer));
    }

    // a header's value is text; where its schema says integer, it is checked as the number it spells
    private static JsonNode asTyped(JsonNode schema, String value) {
        if ("integer".equals(schema.path("type").asString(""))) {
            try {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return JsonNodeFactory.instance.stringNode(value);
            }
        }
        return JsonNodeFactory.instance.stringNode(value);
    }

    private String followRef(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 5; hops++) {
            JsonNode ref = root.at(current).path("$ref");
            if (!ref.isString() || !ref.asString().startsWith("#")) {
                return current;
            }
            current = ref.asString().substring(1);
        }
        return current;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A path of the document, e.g. /api/orders/{id}, as the request paths it stands for. */
    private record PathTemplate(String path, Pattern pattern, int variables) {

        PathTemplate(String path) {
            this(path, Pattern.compile(regex(path)), path.split("\\{", -1).length - 1);
        }

        boolean matches(String requestPath) {
            return pattern.matcher(requestPath).matches();
        }

        private static String regex(String path) {
            StringBuilder regex = new StringBuilder();
            for (String part : path.split("(?=\\{)|(?<=\\})")) {
                regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
            }
            return regex.toString();
        }
    }
}
