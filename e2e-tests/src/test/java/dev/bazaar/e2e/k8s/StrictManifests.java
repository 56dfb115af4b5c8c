package dev.bazaar.e2e.k8s;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Rendered manifests read as strictly as an API server reads them: every object must be of a kind
 * fabric8's Kubernetes model knows, every value of the type its field has, and no field unknown.
 * fabric8 keeps an unknown field (a typo such as {@code readinesProbe}) in the object's
 * {@code additionalProperties} instead of refusing it, so every object graph is walked and any
 * such field is refused with its path.
 */
final class StrictManifests {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictManifests() {
    }

    /** Every object of a multi-document YAML stream; throws {@link InvalidManifest} naming each that is not valid. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.isBlank()) {
                continue;
            }
            String name = nameOf(document);
            KubernetesResource resource;
            try {
                resource = SERIALIZATION.unmarshal(document, KubernetesResource.class);
            } catch (RuntimeException e) {
                problems.add(name + ": does not parse as its kind: " + rootMessage(e));
                continue;
            }
            if (!(resource instanceof HasMetadata object) || resource instanceof GenericKubernetesResource) {
                problems.add(name + ": not a kind the Kubernetes model knows (apiVersion and kind)");
                continue;
            }
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(object, "", unknown);
            unknown.forEach(field -> problems.add(name + ": unknown field " + field));
            objects.add(object);
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifest(problems);
        }
        return objects;
    }

    /** {@code Kind/name}, the way every message names an object. */
    static String nameOf(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    /** Kind and name read loosely, so a document the model refuses can still be named. */
    private static String nameOf(String document) {
        try {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(document);
            if (parsed instanceof Map<?, ?> map && map.get("metadata") instanceof Map<?, ?> metadata) {
                return map.get("kind") + "/" + metadata.get("name");
            }
        } catch (RuntimeException e) {
            // not YAML at all: named by its place below
        }
        return "a document that is not a Kubernetes object";
    }

    private static void collectUnknownFields(Object node, String path, List<String> into) {
        switch (node) {
            case null -> { }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    collectUnknownFields(list.get(i), path + "[" + i + "]", into);
                }
            }
            case Map<?, ?> map -> map.forEach((key, value) -> collectUnknownFields(value, path + "[" + key + "]", into));
            default -> {
                if (node.getClass().getName().startsWith("io.fabric8.")) {
                    collectUnknownFieldsOfModelObject(node, path, into);
                }
            }
        }
    }

    private static void collectUnknownFieldsOfModelObject(Object node, String path, List<String> into) {
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, node);
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(key -> into.add(join(path, String.valueOf(key))));
                    }
                    continue;
                }
                collectUnknownFields(value, join(path, jsonName(field)), into);
            }
        }
    }

    private static Object read(Field field, Object node) {
        try {
            field.setAccessible(true);
            return field.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jsonName(Field field) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : field.getName();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** The manifests are not what an API server would accept; each message names the object. */
    static final class InvalidManifest extends RuntimeException {

        private final List<String> problems;

        InvalidManifest(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
