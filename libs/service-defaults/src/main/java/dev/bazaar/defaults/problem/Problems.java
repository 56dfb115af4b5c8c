package dev.bazaar.defaults.problem;

import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.bazaar.problem.Problem;
import dev.bazaar.problem.TraceIds;

/**
 * The problem documents a service answers with: Bazaar's {@link Problem}, carrying the trace id
 * of the request the current thread serves.
 */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        return of(Problem.of(status, type, title, detail));
    }

    public static ProblemDetail of(ProblemException e) {
        return of(Problem.of(e.status(), e.type(), e.title(), e.getMessage()).members(e.properties()));
    }

    /** The problem with the current trace id, when a trace is active. */
    public static ProblemDetail of(Problem problem) {
        String traceId = TraceIds.current();
        return (traceId == null ? problem : problem.traceId(traceId)).toProblemDetail();
    }

    /** A problem whose type is derived from its status, for errors that are not domain rules. */
    public static ProblemDetail forStatus(HttpStatusCode status, String detail) {
        return of(Problem.forStatus(status, detail));
    }

    /** The same problem with the current trace id, when a trace is active. */
    public static ProblemDetail withTraceId(ProblemDetail problem) {
        return TraceIds.current() == null ? problem : of(Problem.from(problem));
    }

    /** The problem as the JSON members it is written with, for writers outside Spring MVC. */
    public static Map<String, Object> members(ProblemDetail problem) {
        return Problem.from(problem).toMembers();
    }
}
