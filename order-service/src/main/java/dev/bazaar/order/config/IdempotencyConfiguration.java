package dev.bazaar.order.config;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.bazaar.messaging.retention.RetentionRule;
import dev.bazaar.order.idempotency.IdempotencyKeys;
import dev.bazaar.order.idempotency.IdempotencyProperties;
import dev.bazaar.order.idempotency.IdempotentRequests;
import dev.bazaar.order.idempotency.Settlements;

/** The POSTs that run once per Idempotency-Key: placing an order, checking out a cart; and how long their keys are kept. */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    /**
     * A key replays its first answer for a day after that answer (override with
     * {@code bazaar.retention.periods.idempotency-keys}), then libs/messaging's retention sweep
     * deletes it and the key is free again. Only COMPLETED keys go: a claim still IN_PROGRESS,
     * however old, may stand for stock held at catalog that the abandoned-placement sweep must
     * still release (it deletes the claim itself once it has).
     */
    @Bean
    RetentionRule idempotencyKeysRetention() {
        return new RetentionRule("idempotency-keys", "idempotency_keys",
                "state = 'COMPLETED' and updated_at < :before", Duration.ofHours(24));
    }

    @Bean
    FilterRegistrationBean<IdempotentRequests> idempotentRequests(IdempotencyKeys keys, Settlements settlements,
            IdempotencyProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<IdempotentRequests> registration =
                new FilterRegistrationBean<>(new IdempotentRequests(keys, settlements, properties, problems));
        registration.addUrlPatterns("/api/orders", "/api/cart/checkout");
        // after Spring Security's filters: a key belongs to the authenticated caller
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
