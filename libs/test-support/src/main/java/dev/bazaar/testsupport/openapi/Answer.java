package dev.bazaar.testsupport.openapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One response as a client received it, with what it was the answer to.
 *
 * @param method  the request's method
 * @param path    the request's path, raw (no query)
 * @param status  the status
 * @param headers the response's headers, by name in lower case
 * @param body    the body as text; null where the client kept it elsewhere (not checked then)
 */
public record Answer(String method, String path, int status, Map<String, List<String>> headers, String body) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The media type without its parameters, lower case; empty without a Content-Type. */
    public Optional<String> mediaType() {
        return header("Content-Type").map(type -> type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT));
    }

    public boolean hasBody() {
        return body != null && !body.isEmpty();
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + mediaType().map(type -> " " + type).orElse("");
    }
}
