package dev.bazaar.order.config;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.bazaar.order.idempotency.IdempotencyKeys;
import dev.bazaar.order.idempotency.IdempotencyProperties;
import dev.bazaar.order.idempotency.IdempotentRequests;
import dev.bazaar.order.idempotency.Settlements;

/** The POSTs that run once per Idempotency-Key: placing an order. */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    FilterRegistrationBean<IdempotentRequests> idempotentRequests(IdempotencyKeys keys, Settlements settlements,
            IdempotencyProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<IdempotentRequests> registration =
                new FilterRegistrationBean<>(new IdempotentRequests(keys, settlements, properties, problems));
        registration.addUrlPatterns("/api/orders");
        // after Spring Security's filters: a key belongs to the authenticated caller
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
