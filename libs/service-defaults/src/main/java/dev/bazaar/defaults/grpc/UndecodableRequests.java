package dev.bazaar.defaults.grpc;

import java.io.InputStream;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.grpc.server.service.GrpcServiceConfigurer;
import org.springframework.grpc.server.service.GrpcServiceSpec;
import org.springframework.stereotype.Component;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;

/**
 * A request whose bytes are not a message of the method's request type (random bytes, a
 * string that is not UTF-8, a length past the end) is answered INVALID_ARGUMENT, like any
 * other bad input. grpc-java parses the request in {@code ServerCallImpl}, outside every
 * interceptor and exception handler, and closes whatever the parser throws with UNKNOWN
 * ("Application error processing RPC"). So each method's request marshaller is wrapped to
 * give null for bytes it cannot parse, and the method's handler answers that null. The
 * rewrite happens before Spring gRPC applies the global interceptors, so the scope check
 * and the access log still see the call.
 */
@Component
@ConditionalOnClass(GrpcServiceConfigurer.class)
public class UndecodableRequests implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof GrpcServiceConfigurer configurer) {
            return (GrpcServiceConfigurer) (spec, factory) -> {
                ServerServiceDefinition definition = refused(spec.service().bindService());
                return configurer.configure(new GrpcServiceSpec(() -> definition, spec.serviceInfo()), factory);
            };
        }
        return bean;
    }

    /** The same service (name, methods, schema for reflection) with undecodable requests refused. */
    static ServerServiceDefinition refused(ServerServiceDefinition definition) {
        ServiceDescriptor original = definition.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        var methods = definition.getMethods().stream().map(UndecodableRequests::refused).toList();
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(service::addMethod);
        return service.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> refused(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        MethodDescriptor.Marshaller<Q> requests = descriptor.getRequestMarshaller();
        MethodDescriptor<Q, R> lenient = descriptor.toBuilder(new NullIfUndecodable<>(requests),
                descriptor.getResponseMarshaller()).build();
        String expected = requests instanceof MethodDescriptor.ReflectableMarshaller<?> typed
                ? typed.getMessageClass().getSimpleName() + " message"
                : "message for " + descriptor.getFullMethodName();
        Status refusal = Status.INVALID_ARGUMENT.withDescription("the request is not a valid " + expected);
        return ServerMethodDefinition.create(lenient, refusingNull(method.getServerCallHandler(), refusal));
    }

    private static <Q, R> ServerCallHandler<Q, R> refusingNull(ServerCallHandler<Q, R> next, Status refusal) {
        return (call, headers) -> new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                next.startCall(call, headers)) {

            // grpc-java delivers a call's events one at a time, so a plain field is enough
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                if (message == null) {
                    refused = true;
                    try {
                        call.close(refusal, new Metadata());
                    } catch (IllegalStateException alreadyClosed) {
                        // a streaming service closed the call first: the caller has its answer
                    }
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onReady() {
                if (!refused) {
                    super.onReady();
                }
            }

            // onCancel and onComplete still reach the service: they end the call for it, as
            // after any other close, and a streaming service releases what it holds.
        };
    }

    private record NullIfUndecodable<T>(MethodDescriptor.Marshaller<T> delegate)
            implements MethodDescriptor.Marshaller<T> {

        @Override
        public InputStream stream(T value) {
            return delegate.stream(value);
        }

        @Override
        public T parse(InputStream stream) {
            try {
                return delegate.parse(stream);
            } catch (RuntimeException undecodable) {
                return null;
            }
        }
    }
}
