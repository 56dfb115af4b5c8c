package dev.bazaar.order.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bazaar.messaging.retention.RetentionRule;
import dev.bazaar.order.cart.CartProperties;

/**
 * Expired carts are deleted by libs/messaging's retention sweep (in batches, by one instance at a
 * time), their lines with them. Their periods are the carts' times to live,
 * {@code bazaar.cart.guest-ttl} and {@code bazaar.cart.shopper-ttl}, which reads also use: set
 * those, not {@code bazaar.retention.periods.*-carts}. A read treats an expired cart as gone
 * before the sweep has come.
 */
@Configuration(proxyBeanMethods = false)
class CartConfiguration {

    @Bean
    RetentionRule guestCartsRetention(CartProperties carts) {
        return new RetentionRule("guest-carts", "carts", "guest_token_hash is not null and updated_at < :before",
                carts.guestTtl());
    }

    @Bean
    RetentionRule shopperCartsRetention(CartProperties carts) {
        return new RetentionRule("shopper-carts", "carts", "customer_id is not null and updated_at < :before",
                carts.shopperTtl());
    }
}
