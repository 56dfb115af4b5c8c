package dev.bazaar.gateway.routing;

import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import dev.bazaar.gateway.config.GatewayProperties;
import dev.bazaar.gateway.problem.GatewayProblem;
import dev.bazaar.gateway.problem.ProblemResponses;
import dev.bazaar.gateway.problem.ProblemTraceIds;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Requests Netty's HTTP decoder cannot read (a request line over
 * {@code server.netty.max-initial-line-length}, headers over
 * {@code server.max-http-request-header-size}, or no valid HTTP at all) never reach WebFlux:
 * Reactor Netty answers them itself with a bodiless 414, 431 or 400 and closes the connection.
 * A request whose target is no valid URI (a raw brace or {@code |}, a broken escape such as
 * {@code %zz}) gets a bodiless 400 from WebFlux's adapter before any filter. A handler right after the codec notes either
 * on the way in and gives that answer a problem+json body on the way out, with the details
 * {@link RequestHeadLimits} uses for the gateway's own, lower limits. The trace id is one of
 * its own: no request span exists yet.
 */
@Component
class UnreadableRequests implements NettyServerCustomizer {

    private static final String HANDLER = "bazaar.unreadableRequests";

    private final DataSize maxUriLength;
    private final DataSize maxHeaderSize;

    UnreadableRequests(GatewayProperties properties) {
        this.maxUriLength = properties.maxUriLength();
        this.maxHeaderSize = properties.maxHeaderSize();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            // HTTP/1.1, the only protocol the gateway serves
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, new ProblemForUnreadableRequest());
            }
        });
    }

    // the same mapping as Reactor Netty's (HttpServerOperations.sendDecodingFailures), cause unwrapped alike
    GatewayProblem problemFor(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case TooLongHttpLineException e -> RequestHeadLimits.uriTooLong(maxUriLength);
            case TooLongHttpHeaderException e -> RequestHeadLimits.headersTooLarge(maxHeaderSize);
            default -> GatewayProblem.forStatus(HttpStatus.BAD_REQUEST, "The request is not well-formed HTTP.");
        };
    }

    private static boolean validUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * One per connection. A noted problem applies to the next response only, and only if that is
     * the bodiless one with its status: any other answer is left as it is.
     */
    private final class ProblemForUnreadableRequest extends ChannelDuplexHandler {

        private GatewayProblem pending;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
                pending = problemFor(decoded.decoderResult().cause());
            } else if (msg instanceof HttpRequest request && !validUri(request.uri())) {
                pending = GatewayProblem.forStatus(HttpStatus.BAD_REQUEST, "The request URI is malformed.");
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (pending != null && msg instanceof HttpResponse response
                    && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
                GatewayProblem problem = pending;
                pending = null;
                if (response instanceof FullHttpResponse full && !full.content().isReadable()
                        && full.status().code() == problem.status().value()) {
                    ctx.write(withBody(full, problem), promise);
                    return;
                }
            }
            ctx.write(msg, promise);
        }

        private static FullHttpResponse withBody(FullHttpResponse bodiless, GatewayProblem problem) {
            byte[] body = ProblemResponses.toJson(problem, ProblemTraceIds.current());
            FullHttpResponse response = bodiless.replace(Unpooled.wrappedBuffer(body));
            bodiless.release();
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            return response;
        }
    }
}
