package dev.bazaar.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Route filter {@code RetryUnsent}: a request other than GET whose connection to the instance
 * could not be made (refused, or the connect timed out: Netty's {@code ConnectTimeoutException}
 * is a {@link ConnectException}) goes to another instance, at most {@code retries} more times.
 * Such a request was never sent, so sending it elsewhere cannot do anything twice; one that was
 * sent is never repeated here, whatever came back: the client retries with the same
 * {@code Idempotency-Key}, as the API says. GET has Spring Cloud Gateway's {@code Retry} (connect
 * errors, 502, 503), which this leaves alone: two of those on one route would share one attempt
 * counter. The balancer picks again on each attempt, so the next one meets another instance.
 */
@Component
public class RetryUnsentGatewayFilterFactory extends AbstractGatewayFilterFactory<RetryUnsentGatewayFilterFactory.Config> {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(200);

    public RetryUnsentGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public GatewayFilter apply(Config config) {
        if (config.getRouteId() != null) {
            // a body read for the first attempt must be there for the next one
            enableBodyCaching(config.getRouteId());
        }
        RetryBackoffSpec unsent = Retry.backoff(config.getRetries(), FIRST_BACKOFF).maxBackoff(MAX_BACKOFF)
                .filter(RetryUnsentGatewayFilterFactory::neverSent)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
        return (exchange, chain) -> {
            if (HttpMethod.GET.equals(exchange.getRequest().getMethod())) {
                return chain.filter(exchange);
            }
            return Mono.defer(() -> chain.filter(exchange))
                    .retryWhen(unsent.doBeforeRetry(signal -> ServerWebExchangeUtils.reset(exchange)));
        };
    }

    static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** {@code retries}: further attempts after the first; 2 unless the route says otherwise. */
    public static class Config implements HasRouteId {

        private int retries = 2;
        private @Nullable String routeId;

        public int getRetries() {
            return retries;
        }

        public Config setRetries(int retries) {
            this.retries = retries;
            return this;
        }

        @Override
        public void setRouteId(String routeId) {
            this.routeId = routeId;
        }

        @Override
        public @Nullable String getRouteId() {
            return routeId;
        }
    }
}
