package dev.bazaar.defaults.grpc;

import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Every gRPC call carries a service token (OAuth2 client credentials, bearer in the
 * {@code authorization} metadata). No or bad token: UNAUTHENTICATED. A token without the
 * method's scope ({@link ServiceScopes}): PERMISSION_DENIED. The checked token is in
 * {@link #CALLER} for the service's own use.
 * <p>
 * Tokens are checked by the service's {@link JwtDecoder}, the same one REST uses: a service
 * token signed by a key that left identity's JWKS is refused here within the JWKS refresh too.
 */
@Component
@GlobalServerInterceptor
@ConditionalOnClass(GlobalServerInterceptor.class)
public class ServiceScopeInterceptor implements ServerInterceptor {

    public static final Context.Key<Jwt> CALLER = Context.key("bazaar-caller");

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ObjectProvider<JwtDecoder> decoder;
    private final ObjectProvider<ServiceScopes> scopes;

    public ServiceScopeInterceptor(ObjectProvider<JwtDecoder> decoder, ObjectProvider<ServiceScopes> scopes) {
        this.decoder = decoder;
        this.scopes = scopes;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (ServiceScopes.isOpen(method)) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("a bearer service token is required"));
        }
        Jwt jwt;
        try {
            jwt = decoder.getObject().decode(authorization.substring(7).trim());
        } catch (JwtException e) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("the service token is not valid"));
        }
        ServiceScopes required = scopes.getIfAvailable(ServiceScopes::create);
        String scope = required.scopeFor(method).orElse(null);
        if (scope == null || !scopesOf(jwt).contains(scope)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(
                    scope == null ? "this method is not open to service tokens" : "scope " + scope + " is required"));
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, jwt), call, headers, next);
    }

    private static Collection<String> scopesOf(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return scope == null ? List.of() : List.of(String.valueOf(scope).split(" "));
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
