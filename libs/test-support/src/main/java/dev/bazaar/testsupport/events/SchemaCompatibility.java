package dev.bazaar.testsupport.events;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * Compares event schemas with the baseline released before them ({@code contracts/events/baseline}).
 * What a consumer written against the baseline would trip over is a break: an event type gone,
 * a property removed, a property's type changed, a property newly required, a value added to an
 * enum or a changed constant. A new optional property and a new event type are not.
 */
public final class SchemaCompatibility {

    /** Said with every break: DESIGN.md's rule, and the way out when a break is meant. */
    public static final String RULE = "A change that breaks a consumer gets a new event type (DESIGN.md, \"Events\"), "
            + "not an edit of the released one. Only a break that is meant, with every consumer moved, updates "
            + "contracts/events/baseline/ (copy the schema there in a commit of its own that says why).";

    private SchemaCompatibility() {
    }

    /** Every break of the schemas in {@code current} against those in {@code baseline}; empty if compatible. */
    public static List<String> breaks(Path baseline, Path current) {
        return breaks(EventSchemas.readAll(baseline), EventSchemas.readAll(current));
    }

    public static List<String> breaks(Map<String, JsonNode> baseline, Map<String, JsonNode> current) {
        List<String> breaks = new ArrayList<>();
        baseline.forEach((type, released) -> {
            JsonNode now = current.get(type);
            if (now == null) {
                breaks.add(type + ": the event type was removed");
            } else {
                new Comparison(type, released, now, breaks).compare(released, now, "");
            }
        });
        return breaks;
    }

    private record Comparison(String type, JsonNode baselineRoot, JsonNode currentRoot, List<String> breaks) {

        void compare(JsonNode was, JsonNode is, String path) {
            was = resolve(baselineRoot, was);
            is = resolve(currentRoot, is);
            String where = path.isEmpty() ? "the message" : path;
            Set<String> typesWas = types(was);
            Set<String> typesIs = types(is);
            if (!typesWas.equals(typesIs)) {
                breaks.add(type + ": the type of " + where + " changed from " + typesWas + " to " + typesIs);
            }
            if (was.has("const") && !was.get("const").equals(is.get("const"))) {
                breaks.add(type + ": the constant of " + where + " changed from " + was.get("const") + " to " + is.get("const"));
            }
            if (was.has("enum")) {
                Set<JsonNode> known = new LinkedHashSet<>(was.get("enum").valueStream().toList());
                List<JsonNode> added = is.path("enum").valueStream().filter(v -> !known.contains(v)).toList();
                if (!added.isEmpty() || !is.has("enum") && !is.has("const")) {
                    breaks.add(type + ": " + where + " may now hold values consumers do not know: "
                            + (added.isEmpty() ? "its enum was dropped" : added));
                }
            }
            Set<String> requiredWas = names(was.path("required"));
            for (String name : names(is.path("required"))) {
                if (!requiredWas.contains(name)) {
                    breaks.add(type + ": " + child(path, name) + " is newly required");
                }
            }
            JsonNode propertiesWas = was.path("properties");
            JsonNode propertiesIs = is.path("properties");
            for (String name : propertiesWas.propertyNames()) {
                if (!propertiesIs.has(name)) {
                    breaks.add(type + ": " + child(path, name) + " was removed");
                } else {
                    compare(propertiesWas.get(name), propertiesIs.get(name), child(path, name));
                }
            }
            if (was.has("items") && is.has("items")) {
                compare(was.get("items"), is.get("items"), path + "[]");
            }
        }

        // local references only (#/$defs/money): the schemas are self-contained
        private static JsonNode resolve(JsonNode root, JsonNode schema) {
            JsonNode ref = schema.path("$ref");
            if (ref.isString() && ref.asString().startsWith("#/")) {
                return resolve(root, root.at(ref.asString().substring(1)));
            }
            return schema;
        }

        private static Set<String> types(JsonNode schema) {
            JsonNode type = schema.path("type");
            Set<String> types = new TreeSet<>();
            if (type.isString()) {
                types.add(type.asString());
            } else if (type.isArray()) {
                type.valueStream().forEach(t -> types.add(t.asString()));
            }
            return types;
        }

        private static Set<String> names(JsonNode array) {
            Set<String> names = new TreeSet<>();
            array.valueStream().forEach(n -> names.add(n.asString()));
            return names;
        }

        private static String child(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
