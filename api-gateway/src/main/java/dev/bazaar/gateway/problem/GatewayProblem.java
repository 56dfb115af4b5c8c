package dev.bazaar.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.bazaar.problem.Problem;
import dev.bazaar.problem.ProblemTypes;

/**
 * An error the gateway answers itself, as the same RFC 9457 problem+json the services answer
 * with ({@link Problem}): type, title, status, detail, the {@code traceId} and any extra
 * members. Thrown anywhere in a request, written once by {@link GatewayErrorHandler}.
 */
public class GatewayProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final Map<String, Object> members;
    private final Map<String, String> headers;

    private GatewayProblem(HttpStatus status, String slug, String detail, Map<String, Object> members,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.members = members;
        this.headers = headers;
    }

    public static GatewayProblem of(HttpStatus status, String slug, String detail) {
        return new GatewayProblem(status, slug, detail, Map.of(), Map.of());
    }

    /** A problem named by its status alone, the way the services name theirs. */
    public static GatewayProblem forStatus(HttpStatus status, String detail) {
        return of(status, ProblemTypes.slugOf(status), detail);
    }

    /** The same problem with one more member in its body. */
    public GatewayProblem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(members);
        more.put(member, value);
        return new GatewayProblem(status, slug, getMessage(), more, headers);
    }

    /** The same problem with one more response header (e.g. {@code Retry-After}). */
    public GatewayProblem withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GatewayProblem(status, slug, getMessage(), members, more);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return ProblemTypes.uri(slug).toString();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The document as a client reads it, carrying the request's trace id. */
    public Problem toProblem(String traceId) {
        return Problem.of(status, slug, ProblemTypes.titleOf(status), getMessage()).members(members).traceId(traceId);
    }
}
