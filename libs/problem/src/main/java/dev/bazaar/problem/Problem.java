package dev.bazaar.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import tools.jackson.databind.json.JsonMapper;

/**
 * One RFC 9457 problem document as Bazaar answers it, in the services and in the gateway
 * alike: {@code type} ({@link ProblemTypes}), {@code title}, {@code status}, {@code detail},
 * then the {@code traceId} when there is one, then the extension members a client needs to act
 * on the problem (e.g. the short lines), in the order they were added.
 */
public final class Problem {

    public static final String TRACE_ID = "traceId";
    /** The slug and title of a request whose fields break their rules. */
    public static final String VALIDATION = "validation";
    public static final String VALIDATION_TITLE = "Invalid request";

    private static final JsonMapper json = JsonMapper.builder().build();

    private final HttpStatusCode status;
    private final URI type;
    private final String title;
    private final String detail;
    private URI instance;
    private String traceId;
    private final Map<String, Object> members = new LinkedHashMap<>();

    private Problem(HttpStatusCode status, URI type, String title, String detail) {
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    /**
     * @param slug a stable name, published as {@code urn:bazaar:problem:<slug>}
     */
    public static Problem of(HttpStatusCode status, String slug, String title, String detail) {
        return new Problem(status, ProblemTypes.uri(slug), title, detail);
    }

    /** A problem whose type and title follow from its status, for errors that are not domain rules. */
    public static Problem forStatus(HttpStatusCode status, String detail) {
        return of(status, ProblemTypes.slugOf(status), ProblemTypes.titleOf(status), detail);
    }

    /** A request whose fields break their rules: each field in {@code errors}, all of them named in the detail. */
    public static Problem invalidFields(List<InvalidField> fields) {
        String names = String.join(", ", fields.stream().map(InvalidField::field).distinct().toList());
        return of(HttpStatus.BAD_REQUEST, VALIDATION, VALIDATION_TITLE, "These fields are invalid: " + names)
                .member("errors", fields);
    }

    /** A document made elsewhere (e.g. by the web framework), to be completed. */
    public static Problem from(ProblemDetail document) {
        Problem problem = new Problem(HttpStatusCode.valueOf(document.getStatus()), document.getType(),
                document.getTitle(), document.getDetail());
        problem.instance = document.getInstance();
        if (document.getProperties() != null) {
            document.getProperties().forEach(problem::member);
        }
        return problem;
    }

    /** One more extension member; the trace id has its own place ({@link #traceId(String)}). */
    public Problem member(String name, Object value) {
        if (TRACE_ID.equals(name)) {
            return traceId(value == null ? null : value.toString());
        }
        members.put(name, value);
        return this;
    }

    public Problem members(Map<String, ?> more) {
        if (more != null) {
            more.forEach(this::member);
        }
        return this;
    }

    /** The trace id the document carries; none when null (no trace is active). */
    public Problem traceId(String traceId) {
        this.traceId = traceId;
        return this;
    }

    public HttpStatusCode status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail document = ProblemDetail.forStatusAndDetail(status, detail);
        document.setType(type);
        document.setTitle(title);
        document.setInstance(instance);
        if (traceId != null) {
            document.setProperty(TRACE_ID, traceId);
        }
        members.forEach(document::setProperty);
        return document;
    }

    /** The JSON members of the document, in the order they are written. */
    public Map<String, Object> toMembers() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(type));
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance.toString());
        }
        if (traceId != null) {
            body.put(TRACE_ID, traceId);
        }
        body.putAll(members);
        return body;
    }

    /** The problem+json document, for writers outside a web framework's message converters. */
    public byte[] toJson() {
        return json.writeValueAsBytes(toMembers());
    }
}
