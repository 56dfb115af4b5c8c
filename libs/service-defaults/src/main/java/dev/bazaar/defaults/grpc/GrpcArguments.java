package dev.bazaar.defaults.grpc;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

import dev.bazaar.defaults.problem.BadRequest;
import dev.bazaar.defaults.security.Caller;

/**
 * Reading a gRPC request's fields as every Bazaar service does. A bad field is a
 * {@link BadRequest}, which {@link ProblemStatusMapping} answers INVALID_ARGUMENT with the
 * detail as description, naming the proto field ({@code order_id must be a UUID}).
 */
public final class GrpcArguments {

    private GrpcArguments() {
    }

    /** The field's value as a UUID. */
    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(field + " must be a UUID");
        }
    }

    /** The service whose token {@link ServiceScopeInterceptor} checked for this call. */
    public static Caller serviceCaller() {
        Jwt token = ServiceScopeInterceptor.CALLER.get();
        if (token == null) {
            throw new IllegalStateException("no service token was checked for this call (an open method?)");
        }
        return Caller.service(token.getSubject());
    }
}
