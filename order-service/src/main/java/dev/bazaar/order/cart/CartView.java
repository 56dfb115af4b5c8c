package dev.bazaar.order.cart;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.bazaar.defaults.money.Money;

/**
 * A cart as its shopper sees it, priced by catalog at this moment (or, while catalog cannot be
 * reached, at the prices last seen, with a {@code prices-may-be-stale} notice).
 *
 * @param version   the cart's version, also its ETag; what a checkout names in If-Match
 * @param total     the sum of the line totals; null for an empty cart or lines in several currencies
 * @param itemCount units over all lines
 * @param notices   what changed since the lines were set, and whether the prices may be stale
 * @param updatedAt the last change; null when the shopper has no cart yet
 */
public record CartView(int version, List<Line> lines, Money total, int itemCount, List<Notice> notices,
        Instant updatedAt) {

    /**
     * @param availability null while catalog cannot be reached
     */
    public record Line(UUID productId, String name, Money unitPrice, int quantity, Money lineTotal,
            Availability availability) {
    }

    /**
     * @param inStock   whether any unit can be had now
     * @param available the units that can be had, given only when fewer than the line wants
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Availability(boolean inStock, Integer available) {
    }

    /**
     * One of: {@code price-changed} (productId, previousPrice: when the line was set, currentPrice),
     * {@code product-archived} (productId), {@code out-of-stock} (productId), {@code fewer-available}
     * (productId, wanted, available), {@code prices-may-be-stale} (no product: the whole cart).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notice(String type, UUID productId, Money previousPrice, Money currentPrice, Integer wanted,
            Integer available) {

        public static final String PRICE_CHANGED = "price-changed";
        public static final String PRODUCT_ARCHIVED = "product-archived";
        public static final String OUT_OF_STOCK = "out-of-stock";
        public static final String FEWER_AVAILABLE = "fewer-available";
        public static final String PRICES_MAY_BE_STALE = "prices-may-be-stale";

        static Notice priceChanged(UUID productId, Money previous, Money current) {
            return new Notice(PRICE_CHANGED, productId, previous, current, null, null);
        }

        static Notice of(String type, UUID productId) {
            return new Notice(type, productId, null, null, null, null);
        }

        static Notice fewerAvailable(UUID productId, int wanted, int available) {
            return new Notice(FEWER_AVAILABLE, productId, null, null, wanted, available);
        }

        static Notice pricesMayBeStale() {
            return new Notice(PRICES_MAY_BE_STALE, null, null, null, null, null);
        }
    }
}
