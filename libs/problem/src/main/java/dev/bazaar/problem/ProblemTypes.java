package dev.bazaar.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * How Bazaar names its problem types: a stable URI {@code urn:bazaar:problem:<slug>} for each
 * kind of problem. Errors that are not domain rules take their slug and title from the status,
 * the same in every service and in the gateway, so a client handles a 404 alike wherever it
 * came from.
 */
public final class ProblemTypes {

    public static final String PREFIX = "urn:bazaar:problem:";

    private ProblemTypes() {
    }

    /** The type URI of a problem named by its slug, e.g. {@code insufficient-stock}. */
    public static URI uri(String slug) {
        return URI.create(PREFIX + slug);
    }

    /** The slug of an error that is not a domain rule, from its status alone. */
    public static String slugOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 429 -> "too-many-requests";
            case 431 -> "request-headers-too-large";
            case 502 -> "bad-gateway";
            case 503 -> "unavailable";
            case 504 -> "gateway-timeout";
            default -> status.is5xxServerError() ? "server-error" : "client-error";
        };
    }

    /** The title of an error that is not a domain rule: the status's reason phrase. */
    public static String titleOf(HttpStatusCode status) {
        return status instanceof HttpStatus known ? known.getReasonPhrase() : "HTTP " + status.value();
    }
}
