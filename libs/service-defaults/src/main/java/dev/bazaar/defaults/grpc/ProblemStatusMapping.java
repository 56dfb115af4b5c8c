package dev.bazaar.defaults.grpc;

import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.stereotype.Component;

import dev.bazaar.defaults.problem.ProblemException;
import io.grpc.Status;
import io.grpc.StatusException;

/**
 * The gRPC face of {@link ProblemException}: the same domain rule gives the same answer
 * over REST (problem+json) and over gRPC (a status code with the problem's detail).
 * Anything else is left to the next handler (INTERNAL, no details leaked).
 */
@Component
public class ProblemStatusMapping implements GrpcExceptionHandler {

    @Override
    public StatusException handleException(Throwable exception) {
        if (!(exception instanceof ProblemException problem)) {
            return null;
        }
        Status status = switch (problem.status().value()) {
            case 400, 422 -> Status.INVALID_ARGUMENT;
            case 401 -> Status.UNAUTHENTICATED;
            case 403 -> Status.PERMISSION_DENIED;
            case 404 -> Status.NOT_FOUND;
            case 409 -> Status.FAILED_PRECONDITION;
            case 429 -> Status.RESOURCE_EXHAUSTED;
            case 503 -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
        return status.withDescription(problem.getMessage()).asException();
    }
}
