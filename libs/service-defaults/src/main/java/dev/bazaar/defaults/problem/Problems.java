package dev.bazaar.defaults.problem;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.bazaar.defaults.observability.TraceIds;

/** Builds the problem documents every Bazaar service answers with. */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:bazaar:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return withTraceId(problem);
    }

    public static ProblemDetail of(ProblemException e) {
        ProblemDetail problem = of(e.status(), e.type(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail withTraceId(ProblemDetail problem) {
        String traceId = TraceIds.current();
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        return problem;
    }

    /** A problem whose type is derived from its status, for errors that are not domain rules. */
    public static ProblemDetail forStatus(HttpStatusCode status, String detail) {
        String type = switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 429 -> "too-many-requests";
            case 503 -> "unavailable";
            default -> status.is5xxServerError() ? "server-error" : "client-error";
        };
        String title = status instanceof org.springframework.http.HttpStatus known
                ? known.getReasonPhrase() : "HTTP " + status.value();
        return of(status, type, title, detail);
    }

    /** The problem as the JSON members it is written with, for writers outside Spring MVC. */
    public static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    static Map<String, Object> field(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
