package dev.bazaar.defaults.grpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * One line per gRPC call, refused ones included (outermost, so it sees the scope check's
 * answer): method, status and duration, in the call's trace. Never the messages.
 */
@Component
@GlobalServerInterceptor
@ConditionalOnClass(GlobalServerInterceptor.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GrpcAccessLog implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GrpcAccessLog.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                log.atInfo()
                        .addKeyValue("grpcMethod", call.getMethodDescriptor().getFullMethodName())
                        .addKeyValue("grpcStatus", status.getCode().name())
                        .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
                        .log("grpc call served");
                super.close(status, trailers);
            }
        }, headers);
    }
}
