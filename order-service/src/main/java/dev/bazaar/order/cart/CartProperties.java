package dev.bazaar.order.cart;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How long carts live. A cart older than this since its last change reads as gone at once
 * (a guest's answers 404, a shopper's is empty again); the retention sweep deletes it later.
 *
 * @param guestTtl   a guest cart's life since its last change
 * @param shopperTtl a shopper's cart's life since its last change
 */
@Validated
@ConfigurationProperties("bazaar.cart")
public record CartProperties(
        @NotNull @DefaultValue("7d") Duration guestTtl,
        @NotNull @DefaultValue("90d") Duration shopperTtl) {

    public CartProperties {
        for (Duration ttl : new Duration[] {guestTtl, shopperTtl}) {
            if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
                throw new IllegalArgumentException("bazaar.cart.*-ttl must be positive, was " + ttl);
            }
        }
    }
}
