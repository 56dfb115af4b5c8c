package dev.bazaar.defaults.problem;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A rule of the domain that the caller broke. Each service throws its own subclass where
 * the rule lives ({@code InsufficientStock}, {@code ProductNotFound}); {@link ProblemHandling}
 * turns every one into RFC 9457 problem+json, so no endpoint builds an error body.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    /**
     * @param type a stable slug, published as {@code urn:bazaar:problem:<type>} ({@link dev.bazaar.problem.ProblemTypes})
     */
    protected ProblemException(HttpStatus status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Extra members a client needs to act on the problem, e.g. the short lines. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
