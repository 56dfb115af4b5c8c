package dev.bazaar.e2e.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One operation of a service's document, with what the pass reads from it. */
record DocumentedOperation(String service, String method, String path, Map<String, Object> spec) {

    String key() {
        return method + " " + path;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> parameters() {
        Object parameters = spec.get("parameters");
        return parameters == null ? List.of() : (List<Map<String, Object>>) parameters;
    }

    /** A bearer (or sign-in) requirement: an operation with none is public. */
    boolean secured() {
        return spec.get("security") instanceof List<?> security
                && security.stream().anyMatch(requirement -> requirement instanceof Map<?, ?> m && !m.isEmpty());
    }

    /** The one 2xx status the document gives. */
    int documentedSuccess() {
        @SuppressWarnings("unchecked")
        Map<String, Object> responses = (Map<String, Object>) spec.get("responses");
        List<String> successes = responses.keySet().stream().filter(status -> status.startsWith("2")).toList();
        assertThat(successes).as(this + ": its success statuses").hasSize(1);
        return Integer.parseInt(successes.getFirst());
    }

    boolean hasBody() {
        return spec.get("requestBody") != null;
    }

    /** The application/json body's example: the media type's {@code example}, or its first {@code examples} value. */
    @SuppressWarnings("unchecked")
    Optional<Object> bodyExample() {
        if (!(spec.get("requestBody") instanceof Map<?, ?> body)
                || !(body.get("content") instanceof Map<?, ?> content)
                || !(content.get("application/json") instanceof Map<?, ?> json)) {
            return Optional.empty();
        }
        if (json.containsKey("example")) {
            return Optional.ofNullable(json.get("example"));
        }
        if (json.get("examples") instanceof Map<?, ?> examples && !examples.isEmpty()) {
            Map<String, Object> first = (Map<String, Object>) examples.values().iterator().next();
            return Optional.ofNullable(first.get("value"));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return service + " " + key();
    }
}
