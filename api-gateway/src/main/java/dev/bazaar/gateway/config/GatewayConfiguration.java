package dev.bazaar.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.bazaar.gateway.resilience.ServiceFallback;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** Every method: see {@link ServiceFallback}. */
    @Bean
    RouterFunction<ServerResponse> serviceFallbacks(ServiceFallback fallback) {
        return RouterFunctions.route(RequestPredicates.path("/fallback/{service}"), fallback);
    }

    /**
     * Spring Cloud Gateway's own limiter and Lua script, with the script read once. Its default
     * script bean reads the script from a jar resource and, before every call, asks the jar for
     * its last-modified time to see whether the SHA-1 must change: 4 % of the gateway's CPU per
     * routed request (JFR, under load). The default limiter backs off for this bean.
     */
    @Bean
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configuration) {
        return new RedisRateLimiter(redis, rateLimiterScript(), configuration);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RedisScript<List<Long>> rateLimiterScript() {
        try {
            String lua = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")
                    .getContentAsString(StandardCharsets.UTF_8);
            return (RedisScript) RedisScript.of(lua, List.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
