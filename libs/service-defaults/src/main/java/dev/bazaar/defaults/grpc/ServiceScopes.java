package dev.bazaar.defaults.grpc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.grpc.MethodDescriptor;

/**
 * Which scope a service token needs for each gRPC method this service serves. A method
 * without an entry is refused (PERMISSION_DENIED): access is granted, never assumed.
 * Health and reflection stay open so probes and tools work without a token.
 */
public final class ServiceScopes {

    private final Map<String, String> byMethod = new HashMap<>();

    public static ServiceScopes create() {
        return new ServiceScopes();
    }

    public ServiceScopes require(MethodDescriptor<?, ?> method, String scope) {
        byMethod.put(method.getFullMethodName(), scope);
        return this;
    }

    Optional<String> scopeFor(String fullMethodName) {
        return Optional.ofNullable(byMethod.get(fullMethodName));
    }

    static boolean isOpen(String fullMethodName) {
        return fullMethodName.startsWith("grpc.health.v1.") || fullMethodName.startsWith("grpc.reflection.");
    }
}
