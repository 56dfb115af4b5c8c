package dev.bazaar.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An error the gateway answers itself, as RFC 9457 problem+json: {@code type}
 * {@code urn:bazaar:problem:<slug>}, {@code title}, {@code status}, {@code detail}, the
 * {@code traceId} and any extra members. Thrown anywhere in a request, written once by
 * {@link GatewayErrorHandler}.
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

    public static GatewayProblem forStatus(HttpStatus status, String detail) {
        return of(status, slugOf(status), detail);
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
        return "urn:bazaar:problem:" + slug;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON members, in the order clients read them. */
    public Map<String, Object> body(String traceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type());
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", getMessage());
        body.putAll(members);
        body.put("traceId", traceId);
        return body;
    }

    // the same slugs the services use (service-defaults' Problems.forStatus), so a client
    // handles a 404 alike wherever it came from
    static String slugOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad-request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case CONTENT_TOO_LARGE -> "payload-too-large";
            case URI_TOO_LONG -> "uri-too-long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "request-headers-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case TOO_MANY_REQUESTS -> "too-many-requests";
            case BAD_GATEWAY -> "bad-gateway";
            case SERVICE_UNAVAILABLE -> "unavailable";
            case GATEWAY_TIMEOUT -> "gateway-timeout";
            default -> status.is5xxServerError() ? "server-error" : "client-error";
        };
    }
}
