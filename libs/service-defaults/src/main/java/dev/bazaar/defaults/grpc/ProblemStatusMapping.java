package dev.bazaar.defaults.grpc;

import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.stereotype.Component;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;

import dev.bazaar.defaults.problem.ProblemException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;

/**
 * The gRPC face of {@link ProblemException}: the same domain rule gives the same answer
 * over REST (problem+json) and over gRPC (a status code with the problem's detail).
 * Anything else is left to the next handler (INTERNAL, no details leaked).
 * <p>
 * Every such status carries a {@code google.rpc.ErrorInfo} detail whose {@code reason} is the
 * problem's type slug (e.g. {@code reservation-released}) in domain {@value #DOMAIN}: a caller
 * tells two problems with the same code apart by it, not by parsing the description.
 */
@Component
public class ProblemStatusMapping implements GrpcExceptionHandler {

    public static final String DOMAIN = "bazaar.dev";

    @Override
    public StatusException handleException(Throwable exception) {
        if (!(exception instanceof ProblemException problem)) {
            return null;
        }
        return StatusProto.toStatusException(statusOf(problem).build());
    }

    /**
     * The status a problem is answered with (code, the problem's detail as message, the
     * {@link ErrorInfo}), still open for the caller's own details, e.g. catalog's short lines:
     * {@code StatusProto.toStatusRuntimeException(problems.statusOf(p).addDetails(Any.pack(...)).build())}.
     */
    public com.google.rpc.Status.Builder statusOf(ProblemException problem) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(codeOf(problem).value())
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(problem.type()).setDomain(DOMAIN).build()));
        if (problem.getMessage() != null) {
            status.setMessage(problem.getMessage());
        }
        return status;
    }

    private static Status.Code codeOf(ProblemException problem) {
        return switch (problem.status().value()) {
            case 400, 422 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 409 -> Status.Code.FAILED_PRECONDITION;
            case 429 -> Status.Code.RESOURCE_EXHAUSTED;
            case 503 -> Status.Code.UNAVAILABLE;
            default -> Status.Code.INTERNAL;
        };
    }
}
